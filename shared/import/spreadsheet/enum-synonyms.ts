/**
 * What users write for the app's fixed values, in English and German
 * ("Service technician" -> professional, "Waschmaschine" -> washing-machine).
 * A value not listed here is asked on the mapping screen (and remembered in
 * the import profile), never guessed.
 */
import {
  CATEGORIES, COMPONENT_CLASSES, ENVIRONMENTS, FIELD_REPLACEABLE, ON_SHUTDOWN, ROLES, SECTOR_REGULATIONS, UPDATE_MECHANISMS,
} from '../../domain/schemas';
import { fold } from './fold';

export const ENUM_COLUMNS = {
  environment: ENVIRONMENTS,
  category: CATEGORIES,
  class: COMPONENT_CLASSES,
  role: ROLES,
  update_mechanism: UPDATE_MECHANISMS,
  field_replaceable: FIELD_REPLACEABLE,
  sector_regulation: SECTOR_REGULATIONS,
  on_shutdown: ON_SHUTDOWN,
} as const;
export type EnumColumn = keyof typeof ENUM_COLUMNS;
export const isEnumColumn = (c: string): c is EnumColumn => Object.hasOwn(ENUM_COLUMNS, c);

const SYNONYMS: { [C in EnumColumn]: Partial<Record<(typeof ENUM_COLUMNS)[C][number], readonly string[]>> } = {
  environment: {
    consumer: ['consumer products', 'b2c', 'household', 'home', 'private', 'residential', 'Verbraucher', 'Endkunde', 'Endkunden', 'Privat', 'Haushalt', 'Konsumgüter'],
    enterprise: ['business', 'b2b', 'office', 'commercial', 'corporate', 'Unternehmen', 'Gewerbe', 'Büro', 'gewerblich'],
    industrial: ['industry', 'ot', 'factory', 'Industrie', 'industriell', 'Fabrik'],
    medical: ['healthcare', 'health', 'medical device', 'Medizin', 'medizinisch', 'Medizinprodukt', 'Gesundheit'],
  },
  category: {
    smartphone: ['phone', 'mobile phone', 'Handy', 'Mobiltelefon'],
    tablet: ['tablet computer', 'Tablet PC'],
    'washing-machine': ['washing machine', 'washer', 'Waschmaschine', 'Waschautomat'],
    dishwasher: ['dish washer', 'Geschirrspüler', 'Geschirrspülmaschine', 'Spülmaschine'],
    refrigerator: ['fridge', 'freezer', 'fridge freezer', 'Kühlschrank', 'Kühl Gefrierkombination', 'Gefrierschrank'],
    display: ['monitor', 'screen', 'tv', 'television', 'Bildschirm', 'Fernseher'],
    thermostat: ['room thermostat', 'Raumthermostat', 'Heizkörperthermostat'],
    camera: ['ip camera', 'security camera', 'Kamera', 'Überwachungskamera'],
    lock: ['smart lock', 'door lock', 'Schloss', 'Türschloss'],
    gateway: ['hub', 'router', 'bridge', 'smart home hub', 'Zentrale', 'Basisstation'],
    wearable: ['smartwatch', 'watch', 'fitness tracker', 'Uhr', 'Fitnessarmband'],
    other: ['misc', 'miscellaneous', 'Sonstige', 'Sonstiges', 'Andere'],
  },
  class: {
    it: ['software', 'electronic', 'electronics', 'digital', 'ict', 'Elektronik', 'Software'],
    mechanical: ['mechanic', 'hardware part', 'physical', 'mechanisch', 'Mechanik'],
  },
  role: {
    firmware: ['fw', 'application firmware', 'device firmware', 'Firmware'],
    os: ['operating system', 'rtos', 'kernel', 'Betriebssystem'],
    soc: ['chipset', 'processor', 'cpu', 'mcu', 'microcontroller', 'system on chip', 'Prozessor', 'Mikrocontroller', 'Chip'],
    radio: ['wifi', 'wi fi', 'wlan', 'bluetooth', 'ble', 'modem', 'wireless module', 'radio module', 'Funk', 'Funkmodul'],
    crypto: ['crypto library', 'cryptography', 'tls library', 'tls', 'Kryptographie', 'Kryptografie'],
    cloud: ['cloud service', 'backend', 'server', 'Cloud Dienst', 'Cloud Service'],
    'mobile-app': ['app', 'mobile app', 'companion app', 'smartphone app', 'App'],
    gateway: ['hub', 'bridge'],
    'ai-model': ['ai', 'ml model', 'machine learning model', 'model', 'KI', 'KI Modell'],
    certificate: ['cert', 'tls certificate', 'x509', 'Zertifikat'],
    battery: ['accumulator', 'Akku', 'Batterie'],
    motor: ['drive', 'Antrieb'],
    enclosure: ['housing', 'case', 'casing', 'Gehäuse'],
    hinge: ['Scharnier'],
    seal: ['gasket', 'Dichtung'],
    sensor: ['Fühler'],
    display: ['screen', 'lcd', 'oled', 'Bildschirm', 'Anzeige'],
    pump: ['Pumpe'],
    other: ['misc', 'Sonstige', 'Sonstiges', 'Andere'],
  },
  update_mechanism: {
    ota: ['over the air', 'ota update', 'online', 'internet', 'automatic', 'remote', 'Online Update', 'automatisch'],
    local: ['usb', 'manual', 'service tool', 'sd card', 'wired', 'on site', 'lokal', 'manuell', 'vor Ort'],
    none: ['no', 'no updates', 'not updatable', 'keine', 'kein', 'nein', 'nicht aktualisierbar'],
  },
  field_replaceable: {
    user: ['yes', 'by user', 'end user', 'customer', 'consumer', 'user replaceable', 'ja', 'Nutzer', 'Benutzer', 'Kunde', 'Endkunde'],
    professional: ['service technician', 'technician', 'service', 'service partner', 'professional repairer', 'repairer', 'dealer', 'Fachkraft', 'Techniker', 'Servicetechniker', 'Kundendienst', 'Fachhandel', 'Fachbetrieb'],
    no: ['not replaceable', 'none', 'never', 'nein', 'nicht', 'nicht austauschbar', 'fest verbaut'],
  },
  sector_regulation: {
    mdr: ['EU MDR', 'MDR 2017/745', '2017/745', 'medical device regulation', 'Medizinprodukteverordnung'],
    ivdr: ['EU IVDR', 'IVDR 2017/746', '2017/746', 'in vitro diagnostic', 'In-vitro-Diagnostika'],
    vehicles: ['vehicle', '2019/2144', 'type approval', 'automotive', 'Fahrzeug', 'Fahrzeuge', 'Typgenehmigung'],
    aviation: ['civil aviation', '2018/1139', 'aircraft', 'Luftfahrt', 'zivile Luftfahrt'],
    marine: ['marine equipment', '2014/90', 'ship', 'Schiffsausrüstung', 'Schiff'],
  },
  on_shutdown: {
    'keeps-working': ['keeps working', 'works offline', 'no impact', 'continues', 'funktioniert weiter', 'arbeitet weiter'],
    'loses-remote': ['loses remote features', 'loses remote', 'local only', 'app features lost', 'verliert Fernfunktionen', 'nur lokal'],
    'stops-working': ['stops working', 'bricked', 'unusable', 'stops', 'funktioniert nicht mehr', 'unbrauchbar'],
  },
};

const TABLES = new Map<EnumColumn, Map<string, string>>();
for (const column of Object.keys(ENUM_COLUMNS) as EnumColumn[]) {
  const table = new Map<string, string>();
  for (const value of ENUM_COLUMNS[column]) table.set(fold(value), value);
  for (const [value, names] of Object.entries(SYNONYMS[column]) as [string, readonly string[]][]) {
    for (const n of names) table.set(fold(n), value);
  }
  TABLES.set(column, table);
}

/** The app's value for what the user wrote, or null when it is not known. */
export function matchEnum(column: EnumColumn, text: string): string | null {
  return TABLES.get(column)?.get(fold(text)) ?? null;
}

/** Folded form a remembered choice is keyed by. */
export const enumKey = fold;

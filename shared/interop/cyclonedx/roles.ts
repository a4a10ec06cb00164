/**
 * Role guesses for SBOM components, most reliable evidence first: the CycloneDX
 * component type, then the purl type (the package ecosystem), then name hints.
 * Every guess says what it rests on; the import preview shows it for the user
 * to confirm or change.
 */
import type { ComponentClass, Role } from '../../domain/schemas';

export type GuessBasis = 'declared' | 'type' | 'purl' | 'name' | 'default';

export interface RoleGuess {
  role: Role;
  class: ComponentClass;
  by: GuessBasis;
  /** For people: `CycloneDX type "firmware"`, `purl type npm (a software library)`. */
  reason: string;
}

/** CycloneDX types that name a role by themselves. */
const TYPE_ROLE: Readonly<Record<string, Role>> = {
  firmware: 'firmware',
  'operating-system': 'os',
  'device-driver': 'firmware',
  'machine-learning-model': 'ai-model',
};

/** purl types of model registries; other purl types are package ecosystems (libraries or OS packages). */
const MODEL_PURL_TYPES = new Set(['huggingface', 'mlflow']);
const OS_PACKAGE_PURL_TYPES = new Set(['deb', 'rpm', 'apk', 'alpm', 'qpkg', 'opkg']);
const MOBILE_PURL_TYPES = new Set(['cocoapods', 'swift']);

/** Name hints, checked in order; the first match wins. */
export const NAME_HINTS: readonly (readonly [RegExp, Role])[] = [
  [/\b(openssl|mbed ?tls|wolfssl|boringssl|libressl|libsodium|bearssl|crypto(graphy)?|tls)\b/i, 'crypto'],
  [/\b(certificate|x\.?509)\b/i, 'certificate'],
  [/\b(linux|kernel|freertos|zephyr|android|yocto|poky|debian|ubuntu|buildroot|rtos|threadx|nuttx|openwrt)\b/i, 'os'],
  [/\b(u-?boot|bootloader|bios|uefi|firmware)\b/i, 'firmware'],
  [/\b(wi-?fi|bluetooth|ble|zigbee|matter|lte|5g|nb-?iot|lora(wan)?|modem|radio|cellular)\b/i, 'radio'],
  [/\b(soc|mcu|microcontroller|processor|cpu|esp32|stm32|nrf5\d|i\.?mx\w*|rp2040)\b/i, 'soc'],
  [/\b(battery|li-?ion|lipo)\b/i, 'battery'],
  [/\b(sensor|thermistor|accelerometer)\b/i, 'sensor'],
  [/\b(display|lcd|oled|e-?paper)\b/i, 'display'],
  [/\b(motor)\b/i, 'motor'],
];

/** Roles a hardware (`device`) component may get from its name; software roles stay out. */
const HARDWARE_ROLES: ReadonlySet<Role> = new Set<Role>(['radio', 'soc', 'battery', 'sensor', 'display', 'motor']);
/** Hardware with its own firmware or radio stack is IT; other hardware is a physical part. */
const IT_HARDWARE: ReadonlySet<Role> = new Set<Role>(['radio', 'soc', 'gateway']);

const nameHint = (name: string, allowed?: ReadonlySet<Role>): Role | null => {
  for (const [re, role] of NAME_HINTS) if (re.test(name) && (!allowed || allowed.has(role))) return role;
  return null;
};

/** The type of a purl (`pkg:npm/...` -> `npm`), lower case, or null. */
export function purlType(purl: string | undefined): string | null {
  const m = purl ? /^pkg:\/*([A-Za-z.+-][A-Za-z0-9.+-]*)\//.exec(purl) : null;
  return m ? m[1]!.toLowerCase() : null;
}

export function guessRole(input: { cdxType: string; name: string; purl?: string; assetType?: string; service?: boolean }): RoleGuess {
  const { cdxType, name } = input;
  if (input.service) return { role: 'cloud', class: 'it', by: 'type', reason: 'a CycloneDX service (ecosystem)' };
  const typed = Object.prototype.hasOwnProperty.call(TYPE_ROLE, cdxType) ? TYPE_ROLE[cdxType] : undefined;
  if (typed) return { role: typed, class: 'it', by: 'type', reason: `CycloneDX type "${cdxType}"` };
  if (cdxType === 'cryptographic-asset') {
    const cert = input.assetType === 'certificate';
    return { role: cert ? 'certificate' : 'crypto', class: 'it', by: 'type', reason: `CycloneDX cryptographic asset${input.assetType ? ` (${input.assetType})` : ''}` };
  }
  if (cdxType === 'device') {
    const hinted = nameHint(name, HARDWARE_ROLES);
    const role = hinted ?? 'hardware';
    return {
      role, class: IT_HARDWARE.has(role) ? 'it' : 'mechanical', by: hinted ? 'name' : 'type',
      reason: hinted ? `CycloneDX type "device", name "${name}"` : 'CycloneDX type "device" (hardware)',
    };
  }
  const pt = purlType(input.purl);
  if (pt && MODEL_PURL_TYPES.has(pt)) return { role: 'ai-model', class: 'it', by: 'purl', reason: `purl type ${pt} (a model registry)` };
  if (pt && MOBILE_PURL_TYPES.has(pt) && cdxType === 'application') return { role: 'mobile-app', class: 'it', by: 'purl', reason: `purl type ${pt}` };
  if (pt) {
    const kind = OS_PACKAGE_PURL_TYPES.has(pt) ? 'an operating-system package' : 'a software package';
    // A package ecosystem says "software", not what it does: only crypto libraries are told apart by name, and
    // kernels or boot loaders only among OS packages (an npm "kernel-utils" or symfony/http-kernel is no kernel).
    const hinted = nameHint(name, OS_PACKAGE_PURL_TYPES.has(pt) ? new Set<Role>(['crypto', 'os', 'firmware']) : new Set<Role>(['crypto']));
    if (hinted) return { role: hinted, class: 'it', by: 'name', reason: `purl type ${pt} (${kind}), name "${name}"` };
    return { role: 'other', class: 'it', by: 'purl', reason: `purl type ${pt} (${kind})` };
  }
  const hinted = nameHint(name);
  if (hinted) {
    const cls: ComponentClass = HARDWARE_ROLES.has(hinted) && !IT_HARDWARE.has(hinted) ? 'mechanical' : 'it';
    return { role: hinted, class: cls, by: 'name', reason: `name "${name}"` };
  }
  return { role: 'other', class: 'it', by: 'default', reason: cdxType ? `CycloneDX type "${cdxType}" names no role` : 'no type' };
}

/** Our role -> CycloneDX type on export. */
export const ROLE_TO_CDX_TYPE: Record<Role, string> = {
  firmware: 'firmware',
  os: 'operating-system',
  soc: 'device',
  radio: 'device',
  crypto: 'library',
  cloud: 'platform',
  'mobile-app': 'application',
  gateway: 'device',
  'ai-model': 'machine-learning-model',
  certificate: 'cryptographic-asset',
  battery: 'device',
  motor: 'device',
  enclosure: 'device',
  hinge: 'device',
  seal: 'device',
  sensor: 'device',
  display: 'device',
  pump: 'device',
  hardware: 'device',
  other: 'library',
  heater: 'device',
  'control-board': 'device',
  'door-seal': 'device',
  'spray-arm': 'device',
  filter: 'device',
  'basket-rack': 'device',
  compressor: 'device',
  thermostat: 'device',
  'light-source': 'device',
  'power-supply': 'device',
  'display-panel': 'device',
  'ai-runtime': 'framework',
  'tracking-camera': 'device',
  'xr-display': 'device',
  'motion-sensor': 'device',
  'eye-tracker': 'device',
};

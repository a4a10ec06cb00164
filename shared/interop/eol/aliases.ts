/**
 * The names by which components point at catalog products: purls, CPEs,
 * component names and release codenames. Catalog product ids are the current
 * endoflife.date ids; the older or shorter ids it also served (and that
 * files saved from it are named after) map to them.
 */

/** Other ids of a catalog product -> its current endoflife.date id. */
export const PRODUCT_ID_ALIASES: Readonly<Record<string, string>> = {
  linux: 'linux-kernel',
  kernel: 'linux-kernel',
  alpine: 'alpine-linux',
  alpinelinux: 'alpine-linux',
  node: 'nodejs',
  'node.js': 'nodejs',
  'nodejs-lts': 'nodejs',
  poky: 'yocto',
  'yocto-project': 'yocto',
  'raspberrypi': 'raspberry-pi',
  ros2: 'ros-2',
  golang: 'go',
  'docker': 'docker-engine',
  'mbed-tls': 'mbedtls',
};

const has = (table: Readonly<Record<string, unknown>>, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

/** The current id for any id of a product (`linux` -> `linux-kernel`); unknown ids stay as they are. */
export function canonicalProductId(id: string): string {
  const key = id.trim().toLowerCase();
  return has(PRODUCT_ID_ALIASES, key) ? PRODUCT_ID_ALIASES[key]! : key;
}

/**
 * purl (type/namespace/name, without version) -> catalog product id, for
 * packages whose name differs from the catalog's id or that a catalog file
 * does not list.
 */
export const PURL_ALIASES: Readonly<Record<string, string>> = {
  'pkg:generic/linux': 'linux-kernel',
  'pkg:generic/linux-kernel': 'linux-kernel',
  'pkg:github/torvalds/linux': 'linux-kernel',
  'pkg:deb/debian/linux': 'linux-kernel',
  'pkg:deb/ubuntu/linux': 'linux-kernel',
  'pkg:generic/openssl': 'openssl',
  'pkg:github/openssl/openssl': 'openssl',
  'pkg:deb/debian/openssl': 'openssl',
  'pkg:deb/ubuntu/openssl': 'openssl',
  'pkg:apk/alpine/openssl': 'openssl',
  'pkg:rpm/fedora/openssl': 'openssl',
  // Binary packages built from OpenSSL's source, as distributions name them.
  'pkg:rpm/centos/openssl-libs': 'openssl',
  'pkg:rpm/redhat/openssl-libs': 'openssl',
  'pkg:rpm/fedora/openssl-libs': 'openssl',
  'pkg:rpm/rocky/openssl-libs': 'openssl',
  'pkg:rpm/almalinux/openssl-libs': 'openssl',
  'pkg:deb/debian/libssl1.1': 'openssl',
  'pkg:deb/debian/libssl3': 'openssl',
  'pkg:deb/ubuntu/libssl1.1': 'openssl',
  'pkg:deb/ubuntu/libssl3': 'openssl',
  'pkg:apk/alpine/libssl3': 'openssl',
  'pkg:apk/alpine/libcrypto3': 'openssl',
  'pkg:generic/poky': 'yocto',
  'pkg:generic/yocto': 'yocto',
  'pkg:generic/zephyr': 'zephyr',
  'pkg:github/zephyrproject-rtos/zephyr': 'zephyr',
  'pkg:generic/freertos': 'freertos',
  'pkg:github/freertos/freertos-kernel': 'freertos',
  'pkg:generic/mbedtls': 'mbedtls',
  'pkg:github/mbed-tls/mbedtls': 'mbedtls',
  'pkg:github/armmbed/mbedtls': 'mbedtls',
  'pkg:generic/qt': 'qt',
  'pkg:generic/qtbase': 'qt',
  'pkg:generic/android': 'android',
  'pkg:generic/debian': 'debian',
  'pkg:generic/node': 'nodejs',
  'pkg:generic/nodejs': 'nodejs',
  'pkg:github/nodejs/node': 'nodejs',
  'pkg:deb/debian/nodejs': 'nodejs',
  'pkg:apk/alpine/nodejs': 'nodejs',
  'pkg:generic/alpine': 'alpine-linux',
  'pkg:docker/alpine': 'alpine-linux',
  'pkg:oci/alpine': 'alpine-linux',
  'pkg:generic/python': 'python',
  'pkg:deb/debian/sqlite3': 'sqlite',
  'pkg:generic/sqlite': 'sqlite',
  'pkg:npm/electron': 'electron',
  'pkg:generic/openwrt': 'openwrt',
};

/** CPE vendor:product -> catalog product id. */
export const CPE_ALIASES: Readonly<Record<string, string>> = {
  'linux:linux_kernel': 'linux-kernel',
  'openssl:openssl': 'openssl',
  'debian:debian_linux': 'debian',
  'google:android': 'android',
  'qt:qt': 'qt',
  'arm:mbed_tls': 'mbedtls',
  'zephyrproject:zephyr': 'zephyr',
  'amazon:freertos': 'freertos',
  'yoctoproject:yocto': 'yocto',
  'nodejs:node.js': 'nodejs',
  'alpinelinux:alpine_linux': 'alpine-linux',
  'python:python': 'python',
  'sqlite:sqlite': 'sqlite',
  'openwrt:openwrt': 'openwrt',
  'canonical:ubuntu_linux': 'ubuntu',
};

/**
 * Component names, as whole words, that name a catalog product. A name
 * matches only when it starts with all words of one of these: "linux" alone
 * is the kernel, but a bare "kernel" is not (a "Vendor kernel driver pack" or
 * `symfony/http-kernel` is not Linux).
 */
export const NAME_ALIASES: Readonly<Record<string, string>> = {
  linux: 'linux-kernel',
  'linux kernel': 'linux-kernel',
  'linux lts kernel': 'linux-kernel',
  openssl: 'openssl',
  yocto: 'yocto',
  'yocto project': 'yocto',
  'yocto linux': 'yocto',
  poky: 'yocto',
  zephyr: 'zephyr',
  'zephyr rtos': 'zephyr',
  freertos: 'freertos',
  'freertos kernel': 'freertos',
  mbedtls: 'mbedtls',
  'mbed tls': 'mbedtls',
  qt: 'qt',
  android: 'android',
  'android os': 'android',
  debian: 'debian',
  'debian gnu linux': 'debian',
  node: 'nodejs',
  nodejs: 'nodejs',
  'node.js': 'nodejs',
  'node js': 'nodejs',
  alpine: 'alpine-linux',
  'alpine linux': 'alpine-linux',
  ubuntu: 'ubuntu',
  python: 'python',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  openwrt: 'openwrt',
};

/**
 * Words that may follow a product's name without changing what it names
 * ("Linux kernel LTS 6.1", "Zephyr RTOS 3.7"); any other word lowers the
 * confidence and is named in the reason.
 */
export const NEUTRAL_WORDS: ReadonlySet<string> = new Set(['lts', 'release', 'version', 'ver', 'rtos', 'os', 'kernel', 'linux', 'project', 'esr', 'slts']);

/** Release codenames that catalogs without a codename field (the legacy API) cannot resolve. */
export const CODENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  yocto: {
    dunfell: '3.1', gatesgarth: '3.2', hardknott: '3.3', honister: '3.4', kirkstone: '4.0', langdale: '4.1',
    mickledore: '4.2', nanbield: '4.3', scarthgap: '5.0', styhead: '5.1', walnascar: '5.2', whinlatter: '5.3', wrynose: '6.0',
  },
  debian: { stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14' },
  ubuntu: { bionic: '18.04', focal: '20.04', jammy: '22.04', noble: '24.04' },
};

/** The catalog cycle a codename stands for in a product, or null. */
export function cycleOfCodename(product: string, codename: string): string | null {
  const table = has(CODENAMES, product) ? CODENAMES[product]! : {};
  const key = codename.toLowerCase();
  return has(table, key) ? table[key]! : null;
}

import ipaddr from 'ipaddr.js';

/**
 * Which addresses a feed or article link may reach. Links in feeds are hostile: one pointing at
 * a metadata service or a database on the private network must fetch nothing. Only public
 * unicast addresses pass, unless the analyst allowed the host by name or its range
 * (`VIGIL_ALLOW_HOSTS`), as tests and feeds on a private network need.
 */
export class AddressPolicy {
  private readonly names: Set<string>;
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  /** @param allowHosts host names (matched exactly, case-insensitively), addresses and CIDR ranges */
  constructor(allowHosts: readonly string[]) {
    this.names = new Set();
    this.ranges = [];
    for (const raw of allowHosts) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      if (entry.includes('/')) {
        if (!ipaddr.isValidCIDR(entry))
          throw new Error(`allowed hosts: "${entry}" is neither a host name nor an address range (CIDR)`);
        this.ranges.push(normalizedRange(ipaddr.parseCIDR(entry)));
      } else if (ipaddr.isValid(stripBrackets(entry))) {
        const address = ipaddr.process(stripBrackets(entry));
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else this.names.add(entry);
    }
  }

  /** Whether the analyst allowed this host by name (its addresses are then not checked). */
  allowsName(host: string): boolean {
    return this.names.has(stripBrackets(host).toLowerCase());
  }

  /** Why an address may not be connected to, or null when it may. */
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return 'not an IP address';
    const parsed = ipaddr.process(address);
    if (this.ranges.some(([base, bits]) => parsed.kind() === base.kind() && parsed.match(base, bits)))
      return null;
    const range = parsed.range();
    // Everything but public unicast: loopback, private, link-local (metadata services), unique
    // local, carrier-grade NAT, multicast, unspecified, documentation, and the IPv6 forms that
    // embed an IPv4 address (6to4, NAT64, Teredo) and could reach a private one.
    return range === 'unicast' ? null : `a ${range} address`;
  }
}

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/** An IPv4-mapped IPv6 range is read as the IPv4 range it names, as addresses are. */
function normalizedRange([base, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number]): [
  ipaddr.IPv4 | ipaddr.IPv6,
  number,
] {
  if (base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
    return [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [base, bits];
}

/** Whether a string is an IP literal (a URL host in brackets included). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(stripBrackets(host));
}

export { stripBrackets };

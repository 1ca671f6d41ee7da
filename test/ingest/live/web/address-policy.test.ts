import { describe, expect, it } from 'vitest';
import { AddressPolicy } from '../../../../src/ingest/live/web/address-policy.js';

describe('the address policy', () => {
  const none = new AddressPolicy([]);
  it('passes only public unicast addresses', () => {
    for (const address of ['93.184.216.34', '2606:4700::1111']) expect(none.refusal(address)).toBeNull();
    const refused: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.5.4', 'private'],
      ['192.168.1.1', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['fe80::1', 'linkLocal'],
      ['fd00:ec2::254', 'uniqueLocal'],
      ['100.100.100.200', 'carrierGradeNat'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'broadcast'],
      ['192.0.2.1', 'reserved'],
      ['2002:a00:1::', '6to4'],
      ['64:ff9b::a00:1', 'rfc6052'],
    ];
    for (const [address, range] of refused) expect(none.refusal(address)).toBe(`a ${range} address`);
  });
  it('allows hosts by exact name and addresses by CIDR range', () => {
    const policy = new AddressPolicy(['Feeds.Test', '127.0.0.1', '10.1.0.0/16', '::ffff:192.168.0.0/112']);
    expect(policy.allowsName('feeds.test')).toBe(true);
    expect(policy.allowsName('sub.feeds.test')).toBe(false);
    expect(policy.refusal('127.0.0.1')).toBeNull();
    expect(policy.refusal('127.0.0.2')).toBe('a loopback address');
    expect(policy.refusal('10.1.200.3')).toBeNull();
    expect(policy.refusal('10.2.0.1')).toBe('a private address');
    expect(policy.refusal('192.168.4.4')).toBeNull();
    expect(policy.refusal('::ffff:10.1.0.9')).toBeNull();
  });
  it('refuses a malformed range loudly', () => {
    expect(() => new AddressPolicy(['10.0.0.0/99'])).toThrow('allowed hosts: "10.0.0.0/99"');
  });
});

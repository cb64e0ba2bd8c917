import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { PublisherConfig } from '../model/config.js';
import type { SmtpServer } from './transport.js';
import { addressDomain } from '../model/fields.js';

/** `localhost`, 127.0.0.0/8 and ::1 (also written as an IPv4-mapped address): a password sent there never leaves the machine. */
export function isLoopback(host: string): boolean {
  const address = host.toLowerCase().replace(/^::ffff:(?=\d+\.)/, '');
  if (address === 'localhost' || address.endsWith('.localhost')) return true;
  if (isIP(address) === 4) return address.startsWith('127.');
  return isIP(address) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(address);
}

/**
 * Credentials only ever cross the network encrypted: on `smtp://` with a user
 * and a host other than this machine, STARTTLS is required (nodemailer's
 * `requireTLS` refuses to go on without it); `smtps://` is encrypted from the
 * start. Without credentials STARTTLS stays opportunistic, as servers offer it.
 */
export function requiresStartTls(server: Pick<SmtpServer, 'host' | 'secure' | 'auth'>): boolean {
  return !server.secure && server.auth !== undefined && !isLoopback(server.host);
}

/**
 * The name given in EHLO: `email.ehloName`, else this machine's host name when
 * it is a full domain name, else the From address's domain, since a bare name
 * such as a container's id is what spam filters hold against a sender.
 */
export function ehloName(config: PublisherConfig, machine: string = hostname()): string {
  if (config.email.ehloName) return config.email.ehloName;
  if (machine.includes('.') && !isLoopback(machine) && !machine.endsWith('.local')) return machine;
  return addressDomain(config.email.from);
}

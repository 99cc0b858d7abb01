import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

export interface TestCertificates {
  caCertPem: string;
  caCertPath: string;
  certPath: string;
  keyPath: string;
}

/**
 * A throwaway CA and a server certificate signed by it, made with the openssl CLI into `dir`.
 * The server certificate names every given DNS name and IP address in subjectAltName, so clients
 * can verify hostnames for real (connecting to 127.0.0.1 checks the IP SAN). EC P-256 keys:
 * generating them takes milliseconds, unlike RSA.
 */
export async function createTestCertificates(
  dir: string,
  names: { dns: readonly string[]; ips: readonly string[] },
): Promise<TestCertificates> {
  const caKey = join(dir, 'ca.key');
  const caCertPath = join(dir, 'ca.pem');
  const keyPath = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certPath = join(dir, 'server.pem');
  const ext = join(dir, 'server.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  await runCommand('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    caKey,
    '-out',
    caCertPath,
    '-days',
    '7',
    '-subj',
    '/O=Tributary tests/CN=Tributary Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await runCommand('openssl', [
    'req',
    ...ec,
    '-keyout',
    keyPath,
    '-out',
    csr,
    '-subj',
    `/CN=${names.dns[0] ?? names.ips[0] ?? 'localhost'}`,
  ]);
  const san = [...names.dns.map((d) => `DNS:${d}`), ...names.ips.map((ip) => `IP:${ip}`)].join(',');
  await writeFile(
    ext,
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  await runCommand('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caCertPath,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-out',
    certPath,
    '-days',
    '7',
    '-extfile',
    ext,
  ]);
  return { caCertPem: await readFile(caCertPath, 'utf8'), caCertPath, certPath, keyPath };
}

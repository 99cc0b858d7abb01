// The TLS trust of a domain with its own CA certificate: the public roots Node bundles plus the admin's CA,
// built once per CA and thread. Handing Node `ca: [...tls.rootCertificates, ca]` parses the ~145 bundled roots
// from PEM every time (~27 ms, on every read worker's way to its first page). Node already holds them parsed,
// process-wide: a default context trusts them, and adding one CA to it gives the context its own copy of
// that store plus the CA. The trust is the same either way: the bundled roots and the admin's CA (not
// NODE_EXTRA_CA_CERTS, which neither takes). Adding a CA to a built context goes through the context's
// `context.addCACert`, which Node's own `ca` option uses but does not document; where it is missing, the
// parsing way is taken.
import tls from 'node:tls';

/** A built context's native handle, as far as it is used here. */
interface NativeContext {
  addCACert?: (pem: string) => void;
}

const contexts = new Map<string, tls.SecureContext>();

/** A TLS context trusting the bundled public roots and `caCertificate` (PEM, one or more certificates). */
export function trustContext(caCertificate: string): tls.SecureContext {
  let context = contexts.get(caCertificate);
  if (!context) {
    context = buildTrust(caCertificate);
    if (contexts.size >= 32) contexts.clear();
    contexts.set(caCertificate, context);
  }
  return context;
}

/** Builds the context; `parse: true` takes the documented (slower) way, for tests and old runtimes. */
export function buildTrust(caCertificate: string, o: { parse?: boolean } = {}): tls.SecureContext {
  if (!o.parse) {
    const context = tls.createSecureContext({ minVersion: 'TLSv1.2' });
    const native = (context as { context?: NativeContext }).context;
    if (typeof native?.addCACert === 'function') {
      native.addCACert(caCertificate);
      return context;
    }
  }
  return tls.createSecureContext({ minVersion: 'TLSv1.2', ca: [...tls.rootCertificates, caCertificate] });
}

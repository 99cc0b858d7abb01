// The shared connector conformance suite, run on the Sophos connector against the fake Sophos Central.
import { sophosConnector } from '../../../src/integrations/sophos/index.js';
import { runConnectorConformance } from '../run-conformance.js';
import { SophosConformanceSource } from './source.js';

const source = new SophosConformanceSource();

runConnectorConformance({
  name: 'sophos',
  connector: sophosConnector,
  source,
  makeConfig: (variant) => {
    const cred = source.fake.credentials.partner;
    return {
      clientId: cred.clientId,
      clientSecret: variant === 'good' ? cred.clientSecret : 'not-the-secret',
      idUrl: source.fake.idUrl,
      apiUrl: source.fake.apiUrl,
      allowInsecureHttp: true,
      pageSize: 5,
    };
  },
  invalidConfig: { clientId: 'x', clientSecret: 's', apiUrl: 'http://127.0.0.1:1' },
});

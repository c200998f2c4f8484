// A real OpenID provider for the single sign-on tests (npm's oidc-provider), never deployed.
// Usage: node provider.mjs PORT ACCOUNTS_JSON REDIRECT_URI...
// Issuer http://127.0.0.1:PORT; one confidential client, "complaintsdesk"; the accounts
// (login, password, sub, email, name, groups) from the JSON file; its own sign-in form, and
// its own sign-out confirmation for RP-Initiated Logout (back to /accounts/signed-out/).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const [port, accountsFile, ...redirectUris] = process.argv.slice(2);
if (!port || !accountsFile || redirectUris.length === 0) {
  console.error('usage: oidc-test-provider PORT ACCOUNTS_JSON REDIRECT_URI...');
  process.exit(2);
}
const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
const bySub = new Map(accounts.map((a) => [a.sub, a]));
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'complaintsdesk',
    client_secret: 'complaintsdesk-test-secret',
    redirect_uris: redirectUris,
    // RP-Initiated Logout: back to the app's signed-out page, beside each callback.
    post_logout_redirect_uris: redirectUris.map((uri) => new URL('/accounts/signed-out/', uri).href),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Like Microsoft Entra ID: groups ride in the ID token, whatever scopes were asked for.
  claims: {
    openid: ['sub', 'groups'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    // A plain confirmation page (the default one loads a web font).
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html><head><title>Test provider sign-out</title></head>
<body><h1>Sign out of the test provider?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
</body></html>`;
      },
    },
  },
  cookies: { keys: ['complaintsdesk-test-provider-cookie-key'] },
  clientBasedCORS: () => false,
  async findAccount(ctx, sub) {
    const account = bySub.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        const [given, ...rest] = (account.name || '').split(' ');
        return {
          sub,
          email: account.email,
          email_verified: true,
          name: account.name,
          given_name: given,
          family_name: rest.join(' '),
          preferred_username: account.email,
          groups: account.groups || [],
        };
      },
    };
  },
  // The one client is the council's own: no consent screen, as in a tenant-wide consent.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['groups']);
    await grant.save();
    return grant;
  },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const form = (uid, error) => `<!doctype html><html><head><title>Test provider sign-in</title></head>
<body><h1>Test provider sign-in</h1>${error ? `<p id="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button></form></body></html>`;

const readBody = (req) => new Promise((resolve, reject) => {
  let data = '';
  req.on('data', (chunk) => {
    data += chunk;
    if (data.length > 10000) reject(new Error('body too large'));
  });
  req.on('end', () => resolve(new URLSearchParams(data)));
  req.on('error', reject);
});

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url.split('?')[0]);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== match[1]) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !match[2]) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return res.end(form(details.uid));
    }
    if (req.method === 'POST' && match[2]) {
      const body = await readBody(req);
      const account = accounts.find((a) => a.login === body.get('login'));
      if (!account || account.password !== body.get('password')) {
        res.statusCode = 200;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return res.end(form(details.uid, 'Wrong login or password'));
      }
      return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, {
        mergeWithLastSubmission: false,
      });
    }
    res.statusCode = 405;
    return res.end();
  } catch (error) {
    res.statusCode = 400;
    return res.end(`interaction refused: ${error.message}`);
  }
});
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-test-provider ready at ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

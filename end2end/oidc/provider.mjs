// A real OpenID Connect provider for the tests: panva's certified `oidc-provider`, on loopback,
// with its development login form (any password). Started by the Rust tests and by Playwright.
//
//   node end2end/oidc/provider.mjs PORT REDIRECT_URI [REDIRECT_URI...]
//
// Prints "ready ISSUER" on stdout once it listens. Two clients: `access-management` (secret
// `test-secret`), the one the product is configured with, and `another-service`.
//
// Who signs in is the login typed on the form: a national register number signs in as that
// person (the claim `nrn` carries it). A few logins make the provider misbehave, to prove that
// the product refuses what it must:
//   no-nrn                 no `nrn` claim
//   malformed-nrn          `nrn` is 12345678901 (fails the check digits)
//   other-audience:NRN     the ID token is issued for `another-service`
//   expired:NRN            the ID token expired an hour ago
//   wrong-nonce:NRN        the ID token carries another nonce
//   future:NRN             the ID token was issued an hour from now (beyond any clock skew)
import Provider from "oidc-provider";

const [port, ...redirectUris] = process.argv.slice(2);
if (!port || redirectUris.length === 0) {
  console.error("usage: provider.mjs PORT REDIRECT_URI [REDIRECT_URI...]");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

function account(login) {
  const [quirk, nrn] = login.includes(":") ? login.split(":", 2) : ["", login];
  const claims = { sub: login };
  if (quirk === "" && nrn === "no-nrn") {
    // no nrn
  } else if (quirk === "" && nrn === "malformed-nrn") {
    claims.nrn = "12345678901";
  } else {
    claims.nrn = nrn;
  }
  return { quirk, claims };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "access-management",
      client_secret: "test-secret",
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
    {
      client_id: "another-service",
      client_secret: "another-secret",
      redirect_uris: ["http://127.0.0.1/elsewhere"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  scopes: ["openid", "nrn"],
  claims: { openid: ["sub"], nrn: ["nrn"] },
  // The product reads the claim from the ID token.
  conformIdTokenClaims: false,
  async findAccount(_ctx, login) {
    const { claims } = account(login);
    return { accountId: login, claims: async () => claims };
  },
  // Consent is not what is tested: every client gets what it asks for.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid nrn");
    grant.addOIDCClaims(["nrn"]);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 600,
    Grant: 600,
  },
  cookies: { keys: ["a-key-for-the-tests-only"] },
});

// The misbehaving logins: the real provider signs what it would sign, then changes one thing.
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function (options = {}) {
  const quirk = typeof this.available?.sub === "string" ? account(this.available.sub).quirk : "";
  const now = Math.floor(Date.now() / 1000);
  if (options.use === "idtoken") {
    if (quirk === "other-audience") {
      const client = this.client;
      this.client = await provider.Client.find("another-service");
      try {
        return await issue.call(this, options);
      } finally {
        this.client = client;
      }
    }
    if (quirk === "expired") {
      this.set("iat", now - 7200);
      return issue.call(this, { ...options, expiresAt: now - 3600 });
    }
    if (quirk === "wrong-nonce") {
      this.set("nonce", "not-the-nonce-the-product-sent");
    }
    if (quirk === "future") {
      this.set("iat", now + 3600);
    }
  }
  return issue.call(this, options);
};

provider.on("server_error", (_ctx, error) => console.error("provider error:", error));
provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});

import { describe, expect, it } from 'vitest';
import { isCredentialEnvName, isCredentialKey, Redactor } from './Redactor.js';

describe('Redactor', () => {
  it('scrubs known secrets from text, longest first, leaving short values alone in free text', () => {
    const redactor = new Redactor(['abcd', 'abcdefgh', 'eu']);
    expect(redactor.text('value abcdefgh and abcd in eu-west')).toBe('value *** and *** in eu-west');
  });

  it('scrubs a known secret in its URL-encoded and JSON-escaped forms too', () => {
    const secret = 'p@ss "word"/1';
    const redactor = new Redactor([secret]);
    expect(redactor.text(`q=${encodeURIComponent(secret)} body=${JSON.stringify({ s: secret })}`)).toBe('q=*** body={"s":"***"}');
  });

  it('recognises credentials by their shape: headers, URL userinfo, query parameters, SigV4, access key ids', () => {
    const r = new Redactor();
    expect(r.text('POST https://hooks.example.com/a/b?token=SECRET123&team=ops failed')).toBe(
      'POST https://hooks.example.com/a/b?token=***&team=ops failed',
    );
    expect(r.text('GET https://bob:hunter22@db.example.com:5432/x')).toBe('GET https://***@db.example.com:5432/x');
    expect(r.text('https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F2026&X-Amz-Signature=abc123&x=1')).toBe(
      'https://b.s3.amazonaws.com/k?X-Amz-Credential=***&X-Amz-Signature=***&x=1',
    );
    for (const q of ['access_token', 'api_key', 'key', 'secret', 'password', 'sig', 'signature'])
      expect(r.text(`https://x.test/?${q}=v4lue`)).toBe(`https://x.test/?${q}=***`);
    expect(r.text('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe('Authorization: ***');
    expect(r.text('{"Proxy-Authorization":"Basic dXNlcjpwYXNz","cookie": "sid=42", "X-Api-Key":"k-123"}')).toBe(
      '{"Proxy-Authorization":"***","cookie": "***", "X-Api-Key":"***"}',
    );
    const sigV4 =
      "The request signature we calculated does not match. Authorization=AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/monitoring/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024'";
    const shown = r.text(sigV4);
    expect(shown).not.toMatch(/AKIA|fe5f80f7/);
    expect(r.text('no signature header; key AKIAIOSFODNN7EXAMPLE, sent Bearer abcdefgh1234')).toBe(
      'no signature header; key ***, sent Bearer ***',
    );
    // Words that only look alike stay as written.
    expect(r.text('Basic authentication failed; authorization denied for monkey=1')).toBe(
      'Basic authentication failed; authorization denied for monkey=1',
    );
  });

  it('learns the credential-like variables of the environment, not flags, short values or ordinary ones', () => {
    const r = Redactor.fromEnv({
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzE-session',
      GITHUB_TOKEN: 'ghp_0123456789',
      DB_PASSWORD: 'correct-horse',
      OPENAI_API_KEY: 'sk-abcdef123',
      TOKENIZERS_PARALLELISM: 'false',
      MY_TOKEN: 'abc',
      AWS_REGION: 'eu-west-1',
      HOME: '/home/someone',
    });
    expect(
      r.text('wJalrXUtnFEMI/K7MDENG FwoGZXIvYXdzE-session ghp_0123456789 correct-horse sk-abcdef123 false abc eu-west-1 /home/someone'),
    ).toBe('*** *** *** *** *** false abc eu-west-1 /home/someone');
    expect(
      ['AWS_SECRET_ACCESS_KEY', 'X_AUTH', 'NPM_TOKEN', 'CLIENT_SECRET_VALUE', 'GPG_PASSPHRASE', 'STRIPE_KEY', 'OPENAI_APIKEY'].every(
        isCredentialEnvName,
      ),
    ).toBe(true);
    expect(['AWS_ACCESS_KEY_ID', 'PWD', 'TOKENIZERS_PARALLELISM', 'GOOGLE_APPLICATION_CREDENTIALS', 'PATH'].some(isCredentialEnvName)).toBe(
      false,
    );
  });

  it('echoes a value with credential-like keys, header values and known secrets redacted, and nothing else', () => {
    const r = new Redactor(['ab']);
    const config = {
      sinks: [{ type: 'x', region: 'eu', endpoint: 'http://127.0.0.1:4566', apiKey: 'k', password: 5, useToken: true, maxTokens: 9 }],
      passwordless: { a: 1 },
      channel: { url: 'https://h.test/x?token=SECRET123', headers: { Authorization: 'Bearer t', 'X-Auth-Token': 'q', Accept: 'json' } },
      short: 'ab',
      key: 'attempt-1',
    };
    expect(r.value(config)).toEqual({
      sinks: [{ type: 'x', region: 'eu', endpoint: 'http://127.0.0.1:4566', apiKey: '***', password: '***', useToken: true, maxTokens: 9 }],
      passwordless: { a: 1 },
      channel: { url: 'https://h.test/x?token=***', headers: { Authorization: '***', 'X-Auth-Token': '***', Accept: 'json' } },
      short: '***',
      key: 'attempt-1',
    });
    expect(config.sinks[0]!.apiKey).toBe('k');
    expect(['X-Api-Key', 'client_secret', 'sessionToken', 'Proxy-Authorization', 'secretAccessKey'].every(isCredentialKey)).toBe(true);
    expect(['maxTokens', 'keyPrefix', 'passwordless', 'key', 'tokenizer'].some(isCredentialKey)).toBe(false);
  });

  it('scrubs every string of a record, keeping keys, numbers, typed arrays and dates as they are', () => {
    const r = new Redactor(['s3cr3t-value']);
    const at = new Date(0);
    const values = new Float64Array([1, 2]);
    const record = { token: 'plain', reason: 'sink failed: s3cr3t-value', tail: ['Authorization: Bearer x'], n: 1, at, values };
    const out = r.strings(record);
    expect(out).toEqual({ token: 'plain', reason: 'sink failed: ***', tail: ['Authorization: ***'], n: 1, at, values });
    expect(out.values).toBe(values);
    expect(record.reason).toBe('sink failed: s3cr3t-value');
  });

  it("learns a lone userinfo as a token, but not a database or broker URL's user name", () => {
    const r = new Redactor().learn({
      repo: 'https://ghp_Tok3nLikeValue42@github.com/o/r.git',
      store: 'postgres://postgres@127.0.0.1:5432/test',
      queue: 'amqp://guest:gu3st-pw@mq:5672',
    });
    expect(r.text('store postgres, ghp_Tok3nLikeValue42, gu3st-pw, guest')).toBe('store postgres, ***, ***, guest');
    expect(r.text('cannot use postgres://postgres@127.0.0.1:5432/test')).toBe('cannot use postgres://***@127.0.0.1:5432/test');
  });

  it('learns secrets inside a value: credential keys, header values, URL userinfo and query credentials', () => {
    const r = new Redactor().learn({
      url: 'https://user:pa%24%24word@h.test/x?token=tok-en-123&x=1',
      headers: { Authorization: 'Bearer abc.def.ghi', 'X-Custom': 'plain' },
      nested: [{ clientSecret: 'cl-secret-9' }],
    });
    expect(r.text('pa$$word tok-en-123 Bearer-less abc.def.ghi cl-secret-9 plain')).toBe('*** *** Bearer-less *** *** plain');
  });
});

import { describe, expect, it } from 'vitest';
import { resolveHeaderSecrets, secretReferences } from './secret-references.js';

describe('header secret references', () => {
  it('lists the secrets a value names', () => {
    expect(secretReferences('Bearer ${secret:A} ${secret:B} ${secret:A} ${other:C}')).toEqual(['A', 'B']);
  });

  it('fills each reference from the secrets', () => {
    expect(resolveHeaderSecrets({ Authorization: 'Bearer ${secret:TOKEN}', 'X-Plain': 'plain' }, { TOKEN: 't0k' })).toEqual({
      ok: true,
      headers: { Authorization: 'Bearer t0k', 'X-Plain': 'plain' },
    });
  });

  it('names the missing secrets instead of sending the reference', () => {
    expect(resolveHeaderSecrets({ A: '${secret:ONE}', B: '${secret:TWO}${secret:ONE}' }, {})).toEqual({ ok: false, missing: ['ONE', 'TWO'] });
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import type { AuthMode as CoreAuthMode, Settings as CoreSettings } from '../config/types.js';
import type { AuthMode, Settings } from '../../shared/settings-types.js';

describe('the UI settings mirror', () => {
  it('matches the core settings type exactly (tsc checks this file)', () => {
    expectTypeOf<Settings>().toEqualTypeOf<CoreSettings>();
    expectTypeOf<AuthMode>().toEqualTypeOf<CoreAuthMode>();
  });
});

import { describe, expect, it } from 'vitest';
import { ToolRegistry } from '../registry.js';
import { createBuiltinProviders } from './index.js';

describe('createBuiltinProviders', () => {
  it('gives time, system and file tools that fit together in one registry, all read-only', () => {
    const registry = new ToolRegistry(createBuiltinProviders({ sharedFolders: [] }));

    expect(registry.providers().map((provider) => provider.id)).toEqual(['time', 'system', 'files']);
    expect(registry.describe().map((tool) => tool.name)).toEqual([
      'get_current_time',
      'convert_time',
      'get_system_info',
      'list_directory',
      'read_text_file',
      'search_files',
      'file_info',
    ]);
    for (const tool of registry.describe()) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
      expect(tool.description?.length).toBeGreaterThan(40);
      expect(tool.inputSchema).toMatchObject({ type: 'object' });
    }
  });
});

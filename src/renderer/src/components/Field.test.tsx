import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field } from './Field.js';

describe('Field', () => {
  it('is disabled and says what sets it when a flag or a variable pins it', () => {
    const html = renderToStaticMarkup(<Field id="server-port" label="Port" value="8000" onChange={() => {}} hint="Any port." pinnedBy="MCP_PORT" />);
    expect(html).toContain('disabled=""');
    expect(html).toContain('Set by MCP_PORT; change it there.');
    expect(html).not.toContain('Any port.');
    expect(html).toContain('aria-describedby="server-port-hint"');
  });

  it('is editable with its own hint otherwise', () => {
    const html = renderToStaticMarkup(<Field id="server-port" label="Port" value="8000" onChange={() => {}} hint="Any port." />);
    expect(html).not.toContain('disabled');
    expect(html).toContain('Any port.');
  });
});

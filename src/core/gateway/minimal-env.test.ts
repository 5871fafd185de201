import { describe, expect, it } from 'vitest';
import { minimalEnvironment } from './minimal-env.js';

const toolkitEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/ada',
  USER: 'ada',
  LOGNAME: 'ada',
  SHELL: '/bin/zsh',
  TERM: 'xterm-256color',
  LANG: 'en_GB.UTF-8',
  LC_ALL: 'en_GB.UTF-8',
  LC_TIME: 'de_DE.UTF-8',
  TZ: 'Europe/London',
  TMPDIR: '/tmp/ada',
  MCP_API_KEY: 'toolkit-key',
  MCP_TOOLKIT_HOME: '/home/ada/.mcp-toolkit',
  GITHUB_TOKEN: 'the-toolkit-users-token',
  AWS_SECRET_ACCESS_KEY: 'aws',
  NODE_OPTIONS: '--require /tmp/hook.js',
  BASH_FUNC_x: '() { echo hi; }',
};

describe('minimalEnvironment', () => {
  it('passes only what a program needs, never the toolkit’s own secrets or settings', () => {
    expect(minimalEnvironment(toolkitEnv, {}, { platform: 'linux' })).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/ada',
      USER: 'ada',
      LOGNAME: 'ada',
      SHELL: '/bin/zsh',
      TERM: 'xterm-256color',
      LANG: 'en_GB.UTF-8',
      LC_ALL: 'en_GB.UTF-8',
      LC_TIME: 'de_DE.UTF-8',
      TZ: 'Europe/London',
      TMPDIR: '/tmp/ada',
    });
  });

  it('adds the upstream’s own variables and secrets over the passed ones', () => {
    const env = minimalEnvironment(toolkitEnv, { GITHUB_TOKEN: 'the-servers-own-token', PATH: '/opt/server/bin', DEBUG: '1' }, { platform: 'linux' });
    expect(env).toMatchObject({ GITHUB_TOKEN: 'the-servers-own-token', PATH: '/opt/server/bin', DEBUG: '1' });
    expect(env.MCP_API_KEY).toBeUndefined();
  });

  it('skips exported shell functions and unset values', () => {
    const env = minimalEnvironment({ SHELL: '() { :; }', HOME: undefined, PATH: '/bin' }, {}, { platform: 'darwin' });
    expect(env).toEqual({ PATH: '/bin' });
  });

  it('passes the system variables a Windows process needs, in any case', () => {
    const windows = {
      Path: 'C:\\Windows\\system32',
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
      SystemRoot: 'C:\\Windows',
      windir: 'C:\\Windows',
      ComSpec: 'C:\\Windows\\system32\\cmd.exe',
      APPDATA: 'C:\\Users\\ada\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local',
      USERPROFILE: 'C:\\Users\\ada',
      ProgramFiles: 'C:\\Program Files',
      TEMP: 'C:\\Temp',
      MCP_API_KEY: 'toolkit-key',
      HOME: 'C:\\Users\\ada',
    };
    const env = minimalEnvironment(windows, {}, { platform: 'win32' });
    expect(Object.keys(env).sort()).toEqual(['APPDATA', 'ComSpec', 'LOCALAPPDATA', 'PATHEXT', 'Path', 'ProgramFiles', 'SystemRoot', 'TEMP', 'USERPROFILE', 'windir']);
  });
});

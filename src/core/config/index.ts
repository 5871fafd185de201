export * from './types.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT_BURST,
  DEFAULT_RATE_LIMIT_RPS,
  defaultSettings,
  crossFieldProblems,
  settingsSchema,
  settingsLayerSchema,
} from './schema.js';
export { FIELD_SPECS, type FieldSpec, type SettingsFieldPath } from './fields.js';
export { isSecretLikeKey, isSecretLikeValue, findSecrets } from './secrets.js';
export {
  APP_FOLDER_NAME,
  HOME_OVERRIDE_ENV,
  SETTINGS_FILE_NAME,
  settingsDirectory,
  settingsFilePath,
  stateDirectory,
  toolPinsFilePath,
  gatewayFilesFor,
  namedKeysIndexFile,
  upstreamLoginsIndexFile,
  processPathContext,
  type PathContext,
} from './paths.js';
export { writeFileAtomic } from './atomic-write.js';
export { applyLayers } from './layers.js';
export { validateSettings, validateSettingsPatch, type FieldErrors, type SettingsValidation } from './validate.js';
export {
  loadSettingsFile,
  saveSettingsFile,
  moveAside,
  SettingsFileError,
  type LoadedSettings,
  type SettingsFileErrorCode,
} from './settings-file.js';
export { formatConfigErrors, type ConfigError, type ConfigErrorCode, type ConfigSource } from './config-error.js';
export { settingsFromEnv, apiKeyFromEnv, type Environment, type EnvSettings } from './env.js';
export { settingsFromFlags, CONFIG_FLAG_OPTIONS, type FlagValues, type ConfigFlags } from './flags.js';
export {
  resolveConfig,
  resolveLayers,
  pinnedSettings,
  configWarnings,
  type FieldSource,
  type FieldSources,
  type ResolvedLayers,
  type ResolveInput,
  type ResolveResult,
  type SettingsLayerName,
} from './resolve.js';
export { loadServerConfig, type LoadServerConfigInput } from './load-server-config.js';
export { createSettingsStore, type SettingsStore, type SettingsStoreOptions, type SettingsListener } from './store.js';
export { createRunSettings, type RunSettings, type RunSettingsOptions } from './run-settings.js';
export { watchSettingsFile, SETTINGS_WATCH_DEBOUNCE_MS, type WatchSettingsOptions } from './watch-settings.js';

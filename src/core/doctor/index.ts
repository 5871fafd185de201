export { doctorExitCode, failed, passed, warned, type DoctorCheck, type DoctorSeverity } from './check-result.js';
export type { DoctorProbes, PortProbe } from './probes.js';
export { runDoctor, type DoctorInput } from './run-doctor.js';
export { createDoctorProbes, DOCTOR_PROBE_ACCOUNT, type RealProbesOptions } from './real-probes.js';
export { inspectSettings } from './settings-inspection.js';
export type { SettingsHealth } from './settings-check.js';

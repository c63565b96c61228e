/**
 * Why a probe failed and what to do: {@link dev.rdpprobe.core.diagnosis.Diagnoser} turns an outcome's
 * facts into findings and a diagnosis (the prober calls it; call it yourself to re-diagnose a stored
 * outcome), and {@link dev.rdpprobe.core.diagnosis.ErrorCodeExplainer} explains a Windows client's
 * error codes ("0x904 / 0x7"). The tables behind both are data files in this package's resources.
 */
package dev.rdpprobe.core.diagnosis;

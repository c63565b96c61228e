package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.core.target.CertificatePin;
import dev.rdpprobe.core.target.Credentials;
import java.util.List;
import java.util.Objects;

/**
 * What the credential check of one probe needs: the credentials, when the server's certificate counts as
 * verified, and the MD4 implementation. Its {@link #toString()} shows no secret ({@link Credentials} prints the
 * account name only).
 *
 * @param credentials the account to check (the caller owns it and destroys it)
 * @param pins certificates the caller trusts by thumbprint
 * @param sendToUnverified whether the check may run against a certificate that is neither trusted nor pinned
 * @param md4 the MD4 provider, or {@code null} when none is installed (the check then reports it)
 */
public record CredentialPlan(Credentials credentials, List<CertificatePin> pins, boolean sendToUnverified, Md4Provider md4) {

    /** Checks presence and copies the pins. */
    public CredentialPlan {
        Objects.requireNonNull(credentials, "credentials");
        pins = List.copyOf(pins);
    }
}

package dev.rdpprobe.core.outcome;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate of the server's chain, as an administrator needs to see it. What could not be read from a
 * certificate that did not parse (see {@link #parseError()}) is empty, {@code false} or 0, never {@code null}.
 *
 * @param subject subject DN (RFC 4514); empty if unreadable
 * @param issuer issuer DN (RFC 4514); empty if unreadable
 * @param subjectAlternativeNames the SANs, typed (empty when there are none or they could not be read)
 * @param serialNumberHex serial number in hex; empty if unreadable
 * @param notBefore start of validity; empty if unreadable
 * @param notAfter end of validity; empty if unreadable
 * @param expired whether notAfter was before the probe time
 * @param notYetValid whether notBefore was after the probe time
 * @param daysLeft whole days from the probe time to notAfter (negative once expired)
 * @param selfSigned whether the certificate is signed by its own key
 * @param hostnameMatches whether the target name matches a SAN (or the CN when there is no SAN); empty for chain
 *     certificates other than the leaf, and when the SANs could not be read
 * @param keyType RSA, EC, DSA, Ed25519 …; empty if unreadable
 * @param keyBits key size in bits (curve size for EC)
 * @param signatureAlgorithm e.g. SHA256WITHRSA; empty if unreadable
 * @param weakSignature whether the signature uses SHA-1 or MD5 (or worse)
 * @param weakKey whether the key is below 2048-bit RSA/DSA or 224-bit EC
 * @param keyUsage key usage names, e.g. digitalSignature, keyEncipherment
 * @param extendedKeyUsage EKU names where known (serverAuth, Remote Desktop Authentication) or OIDs
 * @param serverAuthentication whether the certificate may authenticate a TLS server (EKU absent, anyExtendedKeyUsage, serverAuth, or Remote Desktop Authentication 1.3.6.1.4.1.311.54.1.2)
 * @param sha1Thumbprint SHA-1 of the DER, upper-case hex without separators (what certlm.msc shows)
 * @param sha256Thumbprint SHA-256 of the DER, upper-case hex
 * @param derLength the size of the certificate's DER encoding in bytes
 * @param parseError why the certificate, or a part of it, could not be parsed (the fields that could be read
 *     are filled; the others are empty, {@code false} or 0); empty when it parsed
 * @param keyOverProbeLimit why the probe did no arithmetic with this certificate's key (its size is over the
 *     probe's own limit, e.g. "a 16384-bit RSA key; the probe accepts RSA keys of at most 8192 bits"); empty
 *     when the key is within the limits
 */
public record CertificateReport(
        Optional<String> subject,
        Optional<String> issuer,
        List<SubjectAltName> subjectAlternativeNames,
        Optional<String> serialNumberHex,
        Optional<Instant> notBefore,
        Optional<Instant> notAfter,
        boolean expired,
        boolean notYetValid,
        long daysLeft,
        boolean selfSigned,
        Optional<Boolean> hostnameMatches,
        Optional<String> keyType,
        int keyBits,
        Optional<String> signatureAlgorithm,
        boolean weakSignature,
        boolean weakKey,
        List<String> keyUsage,
        List<String> extendedKeyUsage,
        boolean serverAuthentication,
        String sha1Thumbprint,
        String sha256Thumbprint,
        int derLength,
        Optional<String> parseError,
        Optional<String> keyOverProbeLimit) {

    public CertificateReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialNumberHex, "serialNumberHex");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(hostnameMatches, "hostnameMatches");
        Objects.requireNonNull(parseError, "parseError");
        Objects.requireNonNull(keyOverProbeLimit, "keyOverProbeLimit");
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
    }

    /** A report of a certificate that parsed completely and whose key is within the probe's limits (DER length unknown: 0). */
    public CertificateReport(String subject, String issuer, List<SubjectAltName> subjectAlternativeNames, String serialNumberHex,
            Instant notBefore, Instant notAfter, boolean expired, boolean notYetValid, long daysLeft, boolean selfSigned,
            Optional<Boolean> hostnameMatches, String keyType, int keyBits, String signatureAlgorithm, boolean weakSignature,
            boolean weakKey, List<String> keyUsage, List<String> extendedKeyUsage, boolean serverAuthentication,
            String sha1Thumbprint, String sha256Thumbprint) {
        this(Optional.of(subject), Optional.of(issuer), subjectAlternativeNames, Optional.of(serialNumberHex), Optional.of(notBefore),
                Optional.of(notAfter), expired, notYetValid, daysLeft, selfSigned, hostnameMatches, Optional.of(keyType), keyBits,
                Optional.of(signatureAlgorithm), weakSignature, weakKey, keyUsage,
                extendedKeyUsage, serverAuthentication, sha1Thumbprint, sha256Thumbprint, 0, Optional.empty(), Optional.empty());
    }

    /**
     * The report of a certificate of which nothing parsed but its bytes: everything unknown except the
     * thumbprints and the length.
     */
    public static CertificateReport unparseable(String sha1Thumbprint, String sha256Thumbprint, int derLength, String parseError) {
        return new CertificateReport(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, 0, false, Optional.empty(), Optional.empty(), 0, Optional.empty(), false, false,
                List.of(), List.of(), false, sha1Thumbprint, sha256Thumbprint, derLength, Optional.of(parseError), Optional.empty());
    }
}

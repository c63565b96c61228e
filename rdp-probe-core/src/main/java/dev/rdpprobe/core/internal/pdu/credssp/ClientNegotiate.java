package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import java.util.List;
import java.util.Objects;

/**
 * A client's first TSRequest as a (fake) server reads it, from
 * {@link CredSspMessages#readClientRequest}.
 *
 * @param request the whole TSRequest
 * @param spnegoWrapped whether the NEGOTIATE came inside a SPNEGO NegTokenInit
 * @param mechTypes the SPNEGO mechTypes offered (empty for raw NTLM)
 * @param negotiate the NTLM NEGOTIATE, or {@code null} when the request carried no negoToken or the
 *     SPNEGO token carried no NTLM mechToken
 */
public record ClientNegotiate(TsRequest request, boolean spnegoWrapped, List<String> mechTypes,
        NtlmNegotiate negotiate) {

    /** Copies the list. */
    public ClientNegotiate {
        Objects.requireNonNull(request, "request");
        mechTypes = List.copyOf(mechTypes);
    }
}

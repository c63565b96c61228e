package dev.rdpprobe.cli;

import dev.rdpprobe.json.JsonCharacterEscapes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.RecordedConnection;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JSON lines {@code rdp-probe fake-server} prints (README-cli.md, "rdp-probe fake-server"): first
 * where it listens, then what each client sent, one line a connection once it ended, in which every
 * field is always present, {@code null} when the client never sent that fact.
 */
final class FakeServerJsonLines {

    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private FakeServerJsonLines() {
    }

    /** The first line: {@code {"listening":"127.0.0.1:43123","scenario":"nla-healthy"}}. */
    static String listening(InetSocketAddress address, String scenario) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new JsonCharacterEscapes());
            g.writeStartObject();
            g.writeStringField("listening", address(address));
            g.writeStringField("scenario", scenario);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The connection as one line of JSON, without a line end. */
    static String connection(RecordedConnection c) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new JsonCharacterEscapes());
            g.writeStartObject();
            g.writeStringField("remote", address(c.remoteAddress()));
            g.writeBooleanField("connectionRequestSeen", c.connectionRequestSeen());
            string(g, "connectionRequestError", c.connectionRequestError());
            string(g, "cookie", c.cookie());
            string(g, "routingToken", c.routingToken());
            g.writeBooleanField("negotiationRequested", c.negotiationRequested());
            g.writeArrayFieldStart("requestedProtocols");
            for (SecurityProtocol p : SecurityProtocol.values()) {
                if (c.requestedProtocols().contains(p)) {
                    g.writeString(p.name());
                }
            }
            g.writeEndArray();
            g.writeNumberField("requestedProtocolBits", c.requestedProtocolBits());
            string(g, "correlationId", c.correlationId().map(b -> HexFormat.of().formatHex(b)));
            g.writeBooleanField("tlsStarted", c.tlsStarted());
            string(g, "tlsServerName", c.tlsServerName());
            g.writeArrayFieldStart("tlsOfferedVersions");
            for (String v : c.tlsOfferedVersions()) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeBooleanField("tlsCompleted", c.tlsCompleted());
            string(g, "tlsVersion", c.tlsVersion());
            number(g, "tsRequestVersion", c.tsRequestVersion());
            OptionalLong flags = c.ntlmNegotiateFlags();
            g.writeFieldName("ntlmNegotiateFlags");
            if (flags.isPresent()) {
                g.writeString(String.format(Locale.ROOT, "0x%08x", flags.getAsLong()));
            } else {
                g.writeNull();
            }
            g.writeBooleanField("tsRequestSpnegoWrapped", c.tsRequestSpnegoWrapped());
            g.writeBooleanField("ended", c.ended());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** {@code host:port}, an IPv6 address in brackets. */
    static String address(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static void string(JsonGenerator g, String name, Optional<String> value) throws IOException {
        g.writeFieldName(name);
        if (value.isPresent()) {
            g.writeString(value.get());
        } else {
            g.writeNull();
        }
    }

    private static void number(JsonGenerator g, String name, OptionalInt value) throws IOException {
        g.writeFieldName(name);
        if (value.isPresent()) {
            g.writeNumber(value.getAsInt());
        } else {
            g.writeNull();
        }
    }
}

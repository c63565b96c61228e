package dev.rdpprobe.cli;

import dev.rdpprobe.json.JsonCharacterEscapes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.ActivationPhase;
import dev.rdpprobe.testkit.ClientInfo;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.udp.ReceivedDatagram;
import dev.rdpprobe.testkit.udp.UdpSyn;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
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

    /**
     * The first line: {@code {"listening":"127.0.0.1:43123","scenario":"nla-healthy","admin":null}};
     * {@code admin} is where the admin interface listens, {@code null} without {@code --admin}.
     */
    static String listening(InetSocketAddress address, String scenario, InetSocketAddress admin) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("listening", address(address));
            g.writeStringField("scenario", scenario);
            g.writeFieldName("admin");
            if (admin != null) {
                g.writeString(address(admin));
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        });
    }

    /** The connection as one line of JSON, without a line end. */
    static String connection(RecordedConnection c) {
        return write(g -> connection(g, c));
    }

    /**
     * A datagram the UDP responder received, as one line: {@code {"udpDatagram":{…}}}, its SYN's
     * facts under {@code syn} ({@code null} when it was not a valid RDPEUDP SYN).
     */
    static String udpDatagram(ReceivedDatagram d) {
        return write(g -> {
            g.writeStartObject();
            g.writeFieldName("udpDatagram");
            datagram(g, d);
            g.writeEndObject();
        });
    }

    /**
     * What the admin interface's {@code GET /__admin/connections} answers: the scenario served now,
     * every connection recorded since the start or the last reset (open ones with {@code "ended":false}),
     * and every UDP datagram the current responder received.
     */
    static String admin(String scenario, List<RecordedConnection> connections, List<ReceivedDatagram> datagrams) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("scenario", scenario);
            g.writeArrayFieldStart("connections");
            for (RecordedConnection c : connections) {
                connection(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("udpDatagrams");
            for (ReceivedDatagram d : datagrams) {
                datagram(g, d);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** One JSON object of string fields, as the admin interface answers: {@code {"scenario":"…"}}, {@code {"error":"…"}}. */
    static String object(String... namesAndValues) {
        return write(g -> {
            g.writeStartObject();
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                g.writeStringField(namesAndValues[i], namesAndValues[i + 1]);
            }
            g.writeEndObject();
        });
    }

    /** Writes one JSON value. */
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new JsonCharacterEscapes());
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void datagram(JsonGenerator g, ReceivedDatagram d) throws IOException {
        g.writeStartObject();
        g.writeStringField("remote", address(d.sender()));
        g.writeNumberField("length", d.length());
        g.writeFieldName("syn");
        if (d.syn().isPresent()) {
            UdpSyn syn = d.syn().get();
            g.writeStartObject();
            g.writeNumberField("receiveWindow", syn.receiveWindow());
            g.writeNumberField("upstreamMtu", syn.upstreamMtu());
            g.writeNumberField("downstreamMtu", syn.downstreamMtu());
            g.writeBooleanField("synEx", syn.hasSynEx());
            number(g, "offeredVersion", syn.offeredVersion());
            string(g, "correlationId", syn.correlationId().map(b -> HexFormat.of().formatHex(b)));
            string(g, "cookieHash", syn.cookieHash().map(b -> HexFormat.of().formatHex(b)));
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeEndObject();
    }

    private static void connection(JsonGenerator g, RecordedConnection c) throws IOException {
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
        number(g, "negotiationFlags", c.negotiationFlags());
        string(g, "correlationId", c.correlationId().map(b -> HexFormat.of().formatHex(b)));
        g.writeBooleanField("tlsStarted", c.tlsStarted());
        string(g, "tlsServerName", c.tlsServerName());
        g.writeArrayFieldStart("tlsOfferedVersions");
        for (String v : c.tlsOfferedVersions()) {
            g.writeString(v);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tlsOfferedCipherSuites");
        for (String suite : c.tlsOfferedCipherSuites()) {
            g.writeString(suite);
        }
        g.writeEndArray();
        g.writeBooleanField("tlsWithoutConnectionRequest", c.tlsWithoutConnectionRequest());
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
        g.writeBooleanField("credentialsOffered", c.credentialsOffered());
        g.writeBooleanField("authInfoReceived", c.authInfoReceived());
        g.writeBooleanField("connectInitialSeen", c.connectInitial().isPresent());
        string(g, "activationPhase", c.activationPhase().map(ActivationPhase::jsonName));
        g.writeBooleanField("activated", c.activated());
        g.writeFieldName("clientInfo");
        if (c.clientInfo().isPresent()) {
            ClientInfo info = c.clientInfo().get();
            g.writeStartObject();
            g.writeStringField("codePage", String.format(Locale.ROOT, "0x%08x", info.codePage()));
            g.writeStringField("flags", String.format(Locale.ROOT, "0x%08x", info.flags()));
            g.writeBooleanField("autoLogon", info.autoLogon());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeArrayFieldStart("joinedChannels");
        for (int channel : c.joinedChannels()) {
            g.writeNumber(channel);
        }
        g.writeEndArray();
        string(g, "activationError", c.activationError());
        g.writeBooleanField("ended", c.ended());
        g.writeEndObject();
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

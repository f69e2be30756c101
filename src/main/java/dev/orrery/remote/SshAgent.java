package dev.orrery.remote;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client for the running ssh-agent ({@code SSH_AUTH_SOCK}), speaking the agent protocol
 * (draft-miller-ssh-agent) over the Unix socket Java 16+ opens natively — so no native library
 * is needed. Only what login needs: list identities, sign. Keys never leave the agent.
 */
public final class SshAgent {
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    /** Ask for an rsa-sha2-256 signature instead of the old SHA-1 one. */
    static final int RSA_SHA2_256 = 2;

    /** A key the agent holds: its public blob, type and comment. */
    public record Identity(byte[] blob, String type, String comment) {
    }

    private final Path socket;

    public SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent of this session, if {@code SSH_AUTH_SOCK} names an existing socket. */
    public static SshAgent fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The agent {@code env}'s {@code SSH_AUTH_SOCK} names, if that socket exists. */
    public static SshAgent fromEnvironment(java.util.Map<String, String> env) {
        String sock = env.get("SSH_AUTH_SOCK");
        return sock != null && !sock.isBlank() && Files.exists(Path.of(sock)) ? new SshAgent(Path.of(sock)) : null;
    }

    public Path socket() {
        return socket;
    }

    public List<Identity> identities() throws IOException {
        DataInputStream in = request(new byte[]{REQUEST_IDENTITIES}, IDENTITIES_ANSWER);
        int n = in.readInt();
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] blob = readString(in);
            String comment = new String(readString(in), StandardCharsets.UTF_8);
            String type = new String(readString(new DataInputStream(new java.io.ByteArrayInputStream(blob))), StandardCharsets.US_ASCII);
            ids.add(new Identity(blob, type, comment));
        }
        return ids;
    }

    /** The agent's signature blob ({@code string algorithm, string signature}) over {@code data}. */
    public byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
        ByteBuffer msg = ByteBuffer.allocate(1 + 4 + keyBlob.length + 4 + data.length + 4);
        msg.put(SIGN_REQUEST).putInt(keyBlob.length).put(keyBlob).putInt(data.length).put(data).putInt(flags);
        return readString(request(msg.array(), SIGN_RESPONSE));
    }

    /** One request/answer on a fresh connection (the agent serves many; this keeps no state). */
    private DataInputStream request(byte[] body, byte expected) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int len = in.readInt();
            if (len <= 0 || len > 256 * 1024) {
                throw new IOException("ssh-agent at " + socket + " sent a malformed answer");
            }
            byte[] answer = in.readNBytes(len);
            if (answer.length != len) {
                throw new IOException("ssh-agent at " + socket + " closed the connection mid-answer");
            }
            if (answer[0] != expected) {
                throw new IOException("ssh-agent at " + socket + " refused the request (answer type " + answer[0] + ")");
            }
            return new DataInputStream(new java.io.ByteArrayInputStream(answer, 1, len - 1));
        }
    }

    private static byte[] readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 256 * 1024) {
            throw new IOException("malformed ssh-agent string");
        }
        return in.readNBytes(len);
    }
}

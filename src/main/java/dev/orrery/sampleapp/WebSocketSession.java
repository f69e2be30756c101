package dev.orrery.sampleapp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A minimal RFC 6455 server side: the handshake, text frames both ways, ping/pong and close.
 * It stands in for Meteor's DDP socket — a long-lived connection that makes stickiness and
 * draining matter — and greets each client with the server's name and version.
 */
final class WebSocketSession {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketSession() {
    }

    static void run(Socket socket, HttpRequest request, String greeting) throws IOException {
        String key = request.headers().get("Sec-WebSocket-Key");
        OutputStream out = socket.getOutputStream();
        if (key == null) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        String accept = Base64.getEncoder().encodeToString(sha1(key + GUID));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        sendText(out, greeting);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return;
            }
            int opcode = b0 & 0x0f;
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            if (len > 1 << 20) {
                return;
            }
            byte[] mask = new byte[4];
            boolean masked = (b1 & 0x80) != 0;
            if (masked) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            switch (opcode) {
                case 0x1 -> sendText(out, greeting + " echo: " + new String(payload, StandardCharsets.UTF_8));
                case 0x9 -> sendFrame(out, 0xA, payload);
                case 0x8 -> {
                    sendFrame(out, 0x8, payload);
                    return;
                }
                default -> { }
            }
        }
    }

    static void sendText(OutputStream out, String text) throws IOException {
        sendFrame(out, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized void sendFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
            }
        }
        out.write(payload);
        out.flush();
    }

    private static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}

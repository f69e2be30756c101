package dev.orrery.cli;

import dev.orrery.model.SafeText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Everything the command line prints goes through this stream, so text from a cluster file, a
 * server or the DigitalOcean API never reaches the terminal raw: control characters are written
 * as {@code \}{@code uXXXX} by {@link SafeText#escapeControls} (CR kept only before LF). UTF-8 is
 * decoded as it comes, a character split across two writes included.
 */
final class TerminalSafeStream extends OutputStream {
    private final OutputStream out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private boolean heldCr;

    private TerminalSafeStream(OutputStream out) {
        this.out = out;
    }

    /** A UTF-8 print stream over {@code out} that escapes control characters; flushes at each line. */
    static PrintStream wrap(PrintStream out) {
        return new PrintStream(new TerminalSafeStream(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, pending.remaining());
            pending.put(b, off, n);
            off += n;
            len -= n;
            drain(false);
        }
    }

    private void drain(boolean end) throws IOException {
        pending.flip();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        while (true) {
            CoderResult r = decoder.decode(pending, chars, end);
            chars.flip();
            emit(chars, encoded);
            chars.clear();
            if (!r.isOverflow()) {
                break;
            }
        }
        pending.compact();
        out.write(encoded.toByteArray());
    }

    private void emit(CharBuffer cs, ByteArrayOutputStream to) {
        StringBuilder sb = new StringBuilder(cs.remaining() + 8);
        while (cs.hasRemaining()) {
            char c = cs.get();
            if (heldCr) {
                heldCr = false;
                sb.append(c == '\n' ? "\r" : SafeText.escape('\r'));
            }
            if (c == '\r') {
                heldCr = true;
            } else if (SafeText.isControl(c)) {
                sb.append(SafeText.escape(c));
            } else {
                sb.append(c);
            }
        }
        to.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        drain(true);
        if (heldCr) {
            heldCr = false;
            out.write(SafeText.escape('\r').getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}

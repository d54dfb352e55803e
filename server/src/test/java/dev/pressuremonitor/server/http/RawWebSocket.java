package dev.pressuremonitor.server.http;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written byte by byte over a plain socket, for tests that need what a polite client never
 * does: stay silent to pings, set reserved bits, flood control frames, send a compressed bomb.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** One frame as it came off the wire. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a close frame: its status code, or -1 without one. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The server's answer to the upgrade request: status line and headers. */
    public final String handshake;

    private RawWebSocket(Socket socket, String handshake) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /**
     * Opens {@code pathAndQuery} on 127.0.0.1:{@code port}; {@code extraHeaders} are full header lines ending in
     * CRLF. Reads time out after 10 s so a test never hangs on a server that stays quiet.
     */
    public static RawWebSocket open(int port, String pathAndQuery, String extraHeaders) throws IOException {
        return open(port, pathAndQuery, extraHeaders, 0);
    }

    /** As {@link #open(int, String, String)} with a receive buffer of {@code receiveBuffer} bytes (0: the default), for a reader that stalls early. */
    public static RawWebSocket open(int port, String pathAndQuery, String extraHeaders, int receiveBuffer) throws IOException {
        return open(port, pathAndQuery, extraHeaders, receiveBuffer, "127.0.0.1:" + port);
    }

    /** As above, sending {@code host} as the Host header. */
    public static RawWebSocket open(int port, String pathAndQuery, String extraHeaders, int receiveBuffer, String host) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        String req = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        if (!h.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("upgrade refused: " + h);
        }
        return new RawWebSocket(s, h);
    }

    /** Sends one masked frame; {@code rsv} holds the RSV1-3 bits as they sit in the first byte (0x40, 0x20, 0x10). */
    public void send(int opcode, byte[] payload, boolean fin, int rsv) throws IOException {
        out.write(encode(opcode, payload, fin, rsv));
        out.flush();
    }

    public void send(int opcode, byte[] payload) throws IOException {
        send(opcode, payload, true, 0);
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes many frames with one system call each batch: what a flooding client does. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public static byte[] encode(int opcode, byte[] payload, boolean fin, int rsv) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | rsv | opcode);
        int n = payload.length;
        if (n < 126) {
            f.write(0x80 | n);
        } else if (n < 65536) {
            f.write(0x80 | 126);
            f.write(n >>> 8);
            f.write(n);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) f.write((int) ((long) n >>> (8 * i)));
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < n; i++) f.write(payload[i] ^ mask[i & 3]);
        return f.toByteArray();
    }

    /** The next frame from the server; EOFException when the server closed the socket. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long n = b1 & 0x7f;
        if (n == 126) n = in.readUnsignedShort();
        else if (n == 127) n = in.readLong();
        byte[] p = new byte[(int) n];
        in.readFully(p);
        return new Frame(b0 & 0x0f, p);
    }

    /** Frames read by {@link #readUntilClose()} by opcode (pings among them, none answered). */
    public final int[] seen = new int[16];

    /** Reads frames, answering nothing, until a close frame arrives; null when the socket ended without one. */
    public Frame readUntilClose() throws IOException {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == CLOSE) return f;
                seen[f.opcode()]++;
            }
        } catch (EOFException | java.net.SocketException e) {
            return null;
        }
    }

    /** True once the server has closed the connection (reads end), false while it stays open for {@code millis}. */
    public boolean endsWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

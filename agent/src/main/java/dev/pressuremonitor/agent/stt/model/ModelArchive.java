package dev.pressuremonitor.agent.stt.model;

import dev.pressuremonitor.agent.stt.ModelException;
import dev.pressuremonitor.agent.stt.VoskEngine;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A model archive on disk, however it got there (downloaded, or fetched by hand on another machine): checks size and
 * SHA-256 before trusting it and unpacks it into the models folder, refusing entries that would land outside it.
 */
public final class ModelArchive {
    private ModelArchive() {
    }

    /**
     * Installs a zip the user already has: the same checks as a download, but the user's file is never deleted.
     * Returns the model folder.
     */
    public static Path install(ModelSpec spec, Path zip, Path modelsDir) throws IOException {
        if (!Files.isRegularFile(zip)) throw new ModelException("no such file: " + zip);
        Path target = modelsDir.resolve(spec.name());
        if (Files.isDirectory(target)) throw new ModelException(spec.name() + " is already installed in " + target + ": delete that folder first to replace it");
        Files.createDirectories(modelsDir);
        verify(spec, zip, false);
        unpack(zip, target);
        return target;
    }

    /**
     * Checks size and checksum where known. A failed download is deleted (running again fetches it afresh); a file
     * the user gave is left alone.
     */
    static void verify(ModelSpec spec, Path zip, boolean downloaded) throws IOException {
        String then = downloaded ? "it was deleted, run the command again" : "download it again (" + zip + " was left as it is)";
        long size = Files.size(zip);
        if (spec.size() > 0 && size != spec.size()) {
            if (downloaded) Files.delete(zip);
            throw new ModelException((downloaded ? "the downloaded archive" : zip.toString()) + " has " + size + " bytes, expected " + spec.size()
                    + " for " + spec.name() + ": it is truncated or not the expected file; " + then);
        }
        if (spec.sha256() != null) {
            String actual = sha256(zip);
            if (!actual.equalsIgnoreCase(spec.sha256())) {
                if (downloaded) Files.delete(zip);
                throw new ModelException((downloaded ? "the downloaded archive" : zip.toString()) + "'s SHA-256 is " + actual + ", expected " + spec.sha256()
                        + ": it is corrupt or has been replaced; " + then + ". If you trust this archive, pass --sha256 " + actual);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks into a scratch folder next to the target, then moves the model into place, so a failed unpack
     * never leaves a half model where the agent would look for one.
     */
    static void unpack(Path zip, Path target) throws IOException {
        Path scratch = target.resolveSibling("." + target.getFileName() + ".unpacking");
        deleteTree(scratch);
        Files.createDirectories(scratch);
        Path root = scratch.toRealPath();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path dest = root.resolve(e.getName()).normalize();
                if (e.getName().startsWith("/") || e.getName().contains("\\") || !dest.startsWith(root)) {
                    throw new ModelException("refusing to unpack '" + e.getName() + "': the path escapes the target folder; the archive is not a genuine model");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(scratch);
            if (e instanceof ZipException z) throw new ModelException("the archive is not a valid zip (" + z.getMessage() + "): download it again", z);
            throw e;
        }
        Path model = root;
        try (Stream<Path> children = Files.list(root)) {
            var list = children.toList();
            if (list.size() == 1 && Files.isDirectory(list.get(0))) model = list.get(0);
        }
        try {
            VoskEngine.checkLooksLikeAModel(model);
        } catch (ModelException e) {
            deleteTree(scratch);
            throw new ModelException("the archive unpacked, but " + e.getMessage(), e);
        }
        Files.move(model, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(scratch);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}

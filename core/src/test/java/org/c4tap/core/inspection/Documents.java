package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Documents and programs built byte by byte: just enough structure for what the inspector looks at. */
final class Documents {

    private Documents() {
    }

    /** A DOS stub pointing at a PE header, as every Windows program starts. */
    static byte[] windowsProgram() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3C] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        pe[0x84] = 0x4C;
        pe[0x85] = 0x01;
        return pe;
    }

    /** "MZ" without a PE header: a DOS-era stub, or text that happens to start so. */
    static byte[] dosStubOnly() {
        byte[] bytes = windowsProgram();
        bytes[0x80] = 'X';
        return bytes;
    }

    static byte[] elf() {
        byte[] elf = new byte[64];
        elf[0] = 0x7F;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        elf[5] = 1;
        elf[6] = 1;
        elf[16] = 2;
        elf[18] = 0x3E;
        return elf;
    }

    static byte[] machO() {
        byte[] macho = new byte[32];
        macho[0] = (byte) 0xCF;
        macho[1] = (byte) 0xFA;
        macho[2] = (byte) 0xED;
        macho[3] = (byte) 0xFE;
        return macho;
    }

    static byte[] windowsShortcut() {
        byte[] lnk = new byte[76];
        byte[] header = {0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
        System.arraycopy(header, 0, lnk, 0, header.length);
        return lnk;
    }

    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, (byte) 0x90, 0x77, 0x53, (byte) 0xDE};
    }

    /** A one-page PDF whose catalog carries {@code catalogExtra}. */
    static byte[] pdf(String catalogExtra) {
        return ascii("%PDF-1.7\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
                + "trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    }

    /** A PDF whose action dictionary sits only inside a deflated object stream, as PDF 1.5 writers put it. */
    static byte[] pdfWithCompressedAction(String action) {
        byte[] objects = deflateZlib(ascii("4 0 << /Type /Action " + action + " >>"));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(ascii("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " + objects.length
                + " >>\nstream\r\n"));
        pdf.writeBytes(objects);
        pdf.writeBytes(ascii("\r\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"));
        return pdf.toByteArray();
    }

    /** An OLE2 compound file with a stream at each of the given paths. */
    static byte[] ole2(String... streamPaths) {
        return ole2(null, streamPaths);
    }

    static byte[] ole2(ClassID rootClass, String... streamPaths) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            if (rootClass != null) {
                fs.getRoot().setStorageClsid(rootClass);
            }
            for (String path : streamPaths) {
                String[] parts = path.split("/");
                DirectoryEntry directory = fs.getRoot();
                for (int i = 0; i < parts.length - 1; i++) {
                    directory = directory.hasEntry(parts[i]) ? (DirectoryEntry) directory.getEntry(parts[i])
                            : directory.createDirectory(parts[i]);
                }
                directory.createDocument(parts[parts.length - 1], new ByteArrayInputStream(ascii("data of " + path)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vbaProject.bin as Office stores it inside OOXML packages. */
    static byte[] vbaProject() {
        return ole2("VBA/dir", "VBA/ThisDocument", "VBA/_VBA_PROJECT", "PROJECT");
    }

    static byte[] docx(boolean withMacros) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        String mainType = withMacros ? "application/vnd.ms-word.document.macroEnabled.main+xml"
                : "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
        parts.put("[Content_Types].xml", ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"" + mainType + "\"/></Types>"));
        parts.put("_rels/.rels", ascii("<Relationships/>"));
        parts.put("word/document.xml", ascii("<w:document><w:body><w:p/></w:body></w:document>"));
        if (withMacros) {
            parts.put("word/vbaProject.bin", vbaProject());
        }
        return Archives.zip(parts);
    }

    static byte[] rtf(String body) {
        return ascii("{\\rtf1\\ansi " + body + "}");
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] deflateZlib(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out)) {
            deflating.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package org.c4tap.core.inspection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Looks into an OLE2 compound file (legacy Office documents, vbaProject.bin, MSI installers) by
 * walking its storages, never its streams' content.
 */
final class OleDocument {

    /** Word keeps its VBA project under Macros, Excel under _VBA_PROJECT_CUR, vbaProject.bin at its root. */
    private static final Set<String> VBA_STORAGES = Set.of("macros", "_vba_project_cur", "vba");
    private static final String VBA_PROJECT_STREAM = "_vba_project";
    /** An encrypted OOXML package is an OLE2 file holding the encrypted zip under this name. */
    private static final String ENCRYPTED_PACKAGE = "encryptedpackage";
    private static final ClassID MSI_INSTALLER = new ClassID("{000C1084-0000-0000-C000-000000000046}");
    private static final int MAX_DEPTH = 16;
    private static final int MAX_ENTRIES = 10_000;

    private final Examination examination;
    private int entriesSeen;

    OleDocument(Examination examination) {
        this.examination = examination;
    }

    Set<Flag> flags(byte[] ole, String where) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(ole))) {
            if (MSI_INSTALLER.equals(fs.getRoot().getStorageClsid())) {
                flags.add(Flag.EXECUTABLE);
            }
            walk(fs.getRoot(), 0, flags, where);
        } catch (IOException | RuntimeException unreadable) {
            // POI reports malformed compound files with unchecked exceptions as well as IOExceptions.
            examination.note(NoteKind.DOCUMENT_UNREADABLE,
                    where + ": OLE2 structure unreadable (" + unreadable.getClass().getSimpleName() + ")");
        }
        return flags;
    }

    private void walk(DirectoryEntry directory, int depth, Set<Flag> flags, String where) {
        if (depth > MAX_DEPTH) {
            examination.note(NoteKind.DOCUMENT_UNREADABLE, where + ": OLE2 storages nested deeper than " + MAX_DEPTH);
            return;
        }
        for (Entry entry : directory) {
            if (++entriesSeen > MAX_ENTRIES) {
                examination.note(NoteKind.DOCUMENT_UNREADABLE, where + ": OLE2 file has more than " + MAX_ENTRIES + " entries");
                return;
            }
            String name = entry.getName().toLowerCase(Locale.ROOT);
            if (entry instanceof DirectoryEntry storage) {
                if (VBA_STORAGES.contains(name)) {
                    flags.add(Flag.OFFICE_MACRO);
                }
                walk(storage, depth + 1, flags, where);
            } else if (name.equals(VBA_PROJECT_STREAM)) {
                flags.add(Flag.OFFICE_MACRO);
            } else if (depth == 0 && name.equals(ENCRYPTED_PACKAGE)) {
                flags.add(Flag.ENCRYPTED_DOCUMENT);
            }
        }
    }
}

package org.c4tap.core.inspection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A file name read the way Windows acts on it: by its last extension, with trailing dots and
 * spaces dropped, shown through any bidirectional control characters it hides.
 */
record FileName(String name) {

    /** Extensions Windows runs, mounts or opens in a script host: the usual first stage of an attack. */
    private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of(
            "exe", "scr", "com", "pif", "cpl", "bat", "cmd", "msi", "msp", "jar", "js", "jse", "vbs", "vbe",
            "wsf", "wsh", "hta", "ps1", "psm1", "lnk", "chm", "reg", "xll", "iso", "img", "vhd", "vhdx", "one");

    /** Extensions a recipient expects to be harmless, which a double extension borrows. */
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of(
            "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "txt", "csv", "jtd", "hwp",
            "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "zip", "lzh", "htm", "html",
            "mp3", "mp4", "wav", "avi", "mov");

    FileName {
        name = name == null ? "" : name;
    }

    Set<Flag> flags() {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (hasBidiControl()) {
            flags.add(Flag.RIGHT_TO_LEFT_OVERRIDE);
        }
        if (climbsOut()) {
            flags.add(Flag.PATH_TRAVERSAL);
        }
        List<String> extensions = extensions();
        int count = extensions.size();
        if (count > 0 && EXECUTABLE_EXTENSIONS.contains(extensions.get(count - 1))) {
            flags.add(Flag.EXECUTABLE);
            if (count > 1 && DOCUMENT_EXTENSIONS.contains(extensions.get(count - 2))) {
                flags.add(Flag.DOUBLE_EXTENSION);
            }
        }
        return flags;
    }

    /** The last path segment, whichever separator the archive used. */
    String base() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** The extensions in order, lower case, without the padding that hides them from the eye. */
    List<String> extensions() {
        String base = base();
        int end = base.length();
        // Windows drops trailing dots and spaces, so "a.exe. " runs as "a.exe".
        while (end > 0 && (base.charAt(end - 1) == '.' || invisible(base.charAt(end - 1)))) {
            end--;
        }
        String[] segments = base.substring(0, end).split("\\.", -1);
        List<String> extensions = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String extension = strip(segments[i]);
            if (!extension.isEmpty()) {
                extensions.add(extension.toLowerCase(Locale.ROOT));
            }
        }
        return extensions;
    }

    private boolean hasBidiControl() {
        return name.chars().anyMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C);
    }

    private boolean climbsOut() {
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || (path.length() > 1 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0)))) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String segment) {
        int from = 0;
        int to = segment.length();
        while (from < to && invisible(segment.charAt(from))) {
            from++;
        }
        while (to > from && invisible(segment.charAt(to - 1))) {
            to--;
        }
        return segment.substring(from, to);
    }

    /** Spaces of every width, and format characters such as zero-width spaces and bidi controls. */
    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }
}

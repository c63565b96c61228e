package dev.rdpprobe.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rdp-probe classes a class file refers to, read from its constant pool: class entries and every
 * type named in a descriptor or generic signature (a parameter type that is never called still counts).
 * Enough of the class-file format (JVMS §4.4) to walk the pool; nothing else is read.
 */
final class ClassFileReferences {

    private static final Pattern OUR_TYPE = Pattern.compile("dev/rdpprobe/[\\w/$]+");

    private ClassFileReferences() {
    }

    /** Binary names (dots, nested classes with {@code $}) of the rdp-probe types {@code classFile} refers to. */
    static Set<String> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Set<String> found = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    Matcher m = OUR_TYPE.matcher(in.readUTF());
                    while (m.find()) {
                        found.add(m.group().replace('/', '.'));
                    }
                }
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag + " at entry " + i);
            }
        }
        return found;
    }
}

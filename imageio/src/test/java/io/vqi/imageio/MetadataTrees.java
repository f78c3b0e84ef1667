package io.vqi.imageio;

import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormat;
import javax.imageio.metadata.IIOMetadataNode;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks a metadata tree against the {@link IIOMetadataFormat} that claims to describe it. */
final class MetadataTrees {
    private MetadataTrees() {
    }

    /** Every tree the metadata offers (native and standard) conforms to its format. */
    static void assertAllTreesConform(IIOMetadata metadata) {
        String nativeName = metadata.getNativeMetadataFormatName();
        if (nativeName != null) {
            assertConforms(metadata.getMetadataFormat(nativeName), metadata.getAsTree(nativeName));
        }
        if (metadata.isStandardMetadataFormatSupported()) {
            String standard = javax.imageio.metadata.IIOMetadataFormatImpl.standardMetadataFormatName;
            assertConforms(metadata.getMetadataFormat(standard), metadata.getAsTree(standard));
        }
    }

    static void assertConforms(IIOMetadataFormat format, Node root) {
        assertNotNull(format, "format");
        assertEquals(format.getRootName(), root.getNodeName(), "root element");
        check(format, root);
    }

    private static void check(IIOMetadataFormat format, Node node) {
        String element = node.getNodeName();
        List<String> attributeNames = Arrays.asList(assertDoesNotThrow(() -> format.getAttributeNames(element),
                "element " + element + " is not in format " + format.getRootName()));
        NamedNodeMap attributes = node.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            String name = attribute.getNodeName();
            assertTrue(attributeNames.contains(name), element + "@" + name + " is not declared");
            checkValue(format, element, name, attribute.getNodeValue());
        }
        for (String name : attributeNames) {
            if (format.isAttributeRequired(element, name)) {
                assertTrue(((IIOMetadataNode) node).hasAttribute(name), element + "@" + name + " is required");
            }
        }
        String[] childNames = format.getChildNames(element);
        List<String> allowed = childNames == null ? List.of() : Arrays.asList(childNames);
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            assertTrue(allowed.contains(child.getNodeName()), child.getNodeName() + " may not appear in " + element);
            check(format, child);
        }
    }

    private static void checkValue(IIOMetadataFormat format, String element, String name, String value) {
        String where = element + "@" + name + "=\"" + value + "\"";
        if (format.getAttributeValueType(element, name) == IIOMetadataFormat.VALUE_ENUMERATION) {
            assertTrue(Arrays.asList(format.getAttributeEnumerations(element, name)).contains(value),
                    where + " is not one of the enumerated values");
        }
        if (format.getAttributeValueType(element, name) == IIOMetadataFormat.VALUE_LIST) {
            return;
        }
        switch (format.getAttributeDataType(element, name)) {
            case IIOMetadataFormat.DATATYPE_INTEGER -> assertDoesNotThrow(() -> Long.parseLong(value), where);
            case IIOMetadataFormat.DATATYPE_FLOAT, IIOMetadataFormat.DATATYPE_DOUBLE ->
                    assertDoesNotThrow(() -> Double.parseDouble(value), where);
            case IIOMetadataFormat.DATATYPE_BOOLEAN -> {
                if (!value.equals("TRUE") && !value.equals("FALSE")) {
                    fail(where + " is not TRUE or FALSE");
                }
            }
            default -> {
                // strings: anything goes
            }
        }
    }
}

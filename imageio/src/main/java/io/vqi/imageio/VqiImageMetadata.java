package io.vqi.imageio;

import io.vqi.model.ModelBundle;
import io.vqi.format.ColorModel;
import io.vqi.format.ImageMetadata;
import io.vqi.format.ModelRef;
import io.vqi.format.VqiFormat;
import io.vqi.format.VqiHeader;
import org.w3c.dom.Node;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Read-only image metadata of a {@code .vqi} image: which model coded it (id and weights hash), at what quality level,
 * on what latent grid, at how many bits per pixel, and the image's EXIF and XMP ({@code exif} and {@code xmpd}
 * chunks; {@link #metadata()}, and the native tree's {@code Exif} and {@code XMP} nodes, whose user objects are the
 * bytes). The writer stores the EXIF and XMP of a {@code VqiImageMetadata} it is given in the {@code IIOImage}, so a
 * read and a write keep them; {@link #withMetadata} attaches other bytes. Offered as the native tree
 * ({@value VqiProviderInfo#NATIVE_IMAGE_METADATA_FORMAT_NAME}, see {@link VqiImageMetadataFormat}) and as the
 * standard {@code javax_imageio_1.0} tree (chroma, compression = model id and not lossless, format version), so
 * generic tools can show it.
 */
public final class VqiImageMetadata extends IIOMetadata {

    private final ColorModel colorModel;
    private final int bitDepth;
    private final String formatVersion;
    private final ModelRef model;
    private final int quality;
    /** The file's header; null in metadata made for writing, before there is a file. */
    private final VqiHeader header;
    /** The file's length in bytes; -1 before there is a file. */
    private final long fileLength;
    private final ImageMetadata metadata;

    private VqiImageMetadata(ColorModel colorModel, int bitDepth, String formatVersion, ModelRef model, int quality,
                             VqiHeader header, long fileLength, ImageMetadata metadata) {
        super(true, VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME,
                VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_CLASS_NAME, null, null);
        this.colorModel = Objects.requireNonNull(colorModel, "colorModel");
        this.bitDepth = bitDepth;
        this.formatVersion = Objects.requireNonNull(formatVersion, "formatVersion");
        this.model = Objects.requireNonNull(model, "model");
        this.quality = quality;
        this.header = header;
        this.fileLength = fileLength;
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /** The metadata of a file that has been read: {@code fileLength} bytes with this header, EXIF and XMP. */
    static VqiImageMetadata ofFile(VqiHeader header, String formatVersion, long fileLength, ImageMetadata metadata) {
        return new VqiImageMetadata(header.colorModel(), header.bitDepth(), formatVersion, header.model(),
                header.quality(), header, fileLength, metadata);
    }

    /**
     * This metadata with {@code metadata}'s EXIF and XMP instead of its own: what to hand the writer (in the
     * {@code IIOImage}) to store them, e.g. {@code writer.getDefaultImageMetadata(type, param).withMetadata(...)}.
     */
    public VqiImageMetadata withMetadata(ImageMetadata metadata) {
        return new VqiImageMetadata(colorModel, bitDepth, formatVersion, model, quality, header, fileLength,
                metadata);
    }

    /** The image's EXIF and XMP, {@link ImageMetadata#NONE} if it has neither. */
    public ImageMetadata metadata() {
        return metadata;
    }

    /** What the writer knows before it writes: the model, the quality level and the colour model. */
    static VqiImageMetadata forWriting(ModelBundle model, ColorModel colorModel, int quality) {
        return new VqiImageMetadata(colorModel, 8, VqiFormat.VERSION_MAJOR + "." + VqiFormat.VERSION_MINOR,
                new ModelRef(model.modelId(), model.sha256()), quality, null, -1, ImageMetadata.NONE);
    }

    public String modelId() {
        return model.id();
    }

    public String weightsSha256Hex() {
        return model.weightsSha256Hex();
    }

    /** The model's quality level the image was (or will be) coded at. */
    public int quality() {
        return quality;
    }

    public ColorModel colorModel() {
        return colorModel;
    }

    /** "major.minor" of the file, or of what this library writes. */
    public String formatVersion() {
        return formatVersion;
    }

    /** The whole header, when this describes a file that was read. */
    public Optional<VqiHeader> header() {
        return Optional.ofNullable(header);
    }

    /** The file's length in bytes, when this describes a file that was read. */
    public OptionalLong fileLength() {
        return fileLength < 0 ? OptionalLong.empty() : OptionalLong.of(fileLength);
    }

    /** 8 × file length / pixels: the rate of the whole file, container overhead included. */
    public OptionalDouble bitsPerPixel() {
        return header == null ? OptionalDouble.empty()
                : OptionalDouble.of(8.0 * fileLength / header.pixelCount());
    }

    /** True: this describes a coded file (or the writer's fixed choices), so there is nothing to edit. */
    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public Node getAsTree(String formatName) {
        if (VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME.equals(formatName)) {
            return nativeTree();
        }
        if (IIOMetadataFormatImpl.standardMetadataFormatName.equals(formatName)) {
            return getStandardTree();
        }
        throw new IllegalArgumentException("unsupported metadata format: " + formatName);
    }

    @Override
    public void mergeTree(String formatName, Node root) {
        throw new IllegalStateException("VQI metadata is read-only");
    }

    @Override
    public void reset() {
        throw new IllegalStateException("VQI metadata is read-only");
    }

    private IIOMetadataNode nativeTree() {
        IIOMetadataNode root = new IIOMetadataNode(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME);

        IIOMetadataNode image = new IIOMetadataNode(VqiImageMetadataFormat.IMAGE);
        if (header != null) {
            image.setAttribute("width", Integer.toString(header.width()));
            image.setAttribute("height", Integer.toString(header.height()));
        }
        image.setAttribute("colorModel", colorModel.name());
        image.setAttribute("bitDepth", Integer.toString(bitDepth));
        image.setAttribute("formatVersion", formatVersion);
        root.appendChild(image);

        IIOMetadataNode modelNode = new IIOMetadataNode(VqiImageMetadataFormat.MODEL);
        modelNode.setAttribute("id", model.id());
        modelNode.setAttribute("weightsSha256", model.weightsSha256Hex());
        root.appendChild(modelNode);

        IIOMetadataNode coding = new IIOMetadataNode(VqiImageMetadataFormat.CODING);
        coding.setAttribute("quality", Integer.toString(quality));
        if (header != null) {
            coding.setAttribute("latentRows", Integer.toString(header.latentRows()));
            coding.setAttribute("latentCols", Integer.toString(header.latentCols()));
            coding.setAttribute("stages", Integer.toString(header.stages()));
            coding.setAttribute("tiles", Integer.toString(header.tileCount()));
            coding.setAttribute("fileLength", Long.toString(fileLength));
            coding.setAttribute("bitsPerPixel", Double.toString(bitsPerPixel().orElseThrow()));
        }
        root.appendChild(coding);
        if (metadata.exif() != null) {
            root.appendChild(bytesNode(VqiImageMetadataFormat.EXIF, metadata.exif()));
        }
        if (metadata.xmp() != null) {
            root.appendChild(bytesNode(VqiImageMetadataFormat.XMP, metadata.xmp()));
        }
        return root;
    }

    @Override
    protected IIOMetadataNode getStandardChromaNode() {
        boolean gray = colorModel == ColorModel.GRAY;
        IIOMetadataNode chroma = new IIOMetadataNode("Chroma");
        chroma.appendChild(node("ColorSpaceType", "name", gray ? "GRAY" : "RGB"));
        chroma.appendChild(node("NumChannels", "value", Integer.toString(colorModel.channels())));
        if (gray) {
            chroma.appendChild(node("BlackIsZero", "value", "TRUE"));
        }
        return chroma;
    }

    @Override
    protected IIOMetadataNode getStandardCompressionNode() {
        IIOMetadataNode compression = new IIOMetadataNode("Compression");
        compression.appendChild(node("CompressionTypeName", "value", model.id()));
        compression.appendChild(node("Lossless", "value", "FALSE"));
        return compression;
    }

    @Override
    protected IIOMetadataNode getStandardDataNode() {
        IIOMetadataNode data = new IIOMetadataNode("Data");
        data.appendChild(node("SampleFormat", "value", "UnsignedIntegral"));
        String bits = Integer.toString(bitDepth);
        data.appendChild(node("BitsPerSample", "value", String.join(" ",
                Collections.nCopies(colorModel.channels(), bits))));
        return data;
    }

    @Override
    protected IIOMetadataNode getStandardDimensionNode() {
        IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
        dimension.appendChild(node("PixelAspectRatio", "value", "1.0"));
        dimension.appendChild(node("ImageOrientation", "value", "Normal"));
        return dimension;
    }

    @Override
    protected IIOMetadataNode getStandardDocumentNode() {
        IIOMetadataNode document = new IIOMetadataNode("Document");
        document.appendChild(node("FormatVersion", "value", formatVersion));
        return document;
    }

    @Override
    protected IIOMetadataNode getStandardTransparencyNode() {
        IIOMetadataNode transparency = new IIOMetadataNode("Transparency");
        transparency.appendChild(node("Alpha", "value", "none"));
        return transparency;
    }

    /** A node whose user object is a copy of {@code bytes}, with their count as {@code length}. */
    private static IIOMetadataNode bytesNode(String name, byte[] bytes) {
        IIOMetadataNode node = new IIOMetadataNode(name);
        node.setAttribute("length", Integer.toString(bytes.length));
        node.setUserObject(bytes.clone());
        return node;
    }

    private static IIOMetadataNode node(String name, String attribute, String value) {
        IIOMetadataNode node = new IIOMetadataNode(name);
        node.setAttribute(attribute, value);
        return node;
    }
}

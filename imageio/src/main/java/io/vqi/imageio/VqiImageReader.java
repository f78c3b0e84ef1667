package io.vqi.imageio;

import io.vqi.core.CorruptStreamException;
import io.vqi.core.ProgressListener;
import io.vqi.image.PixelRegion;
import io.vqi.model.ModelBundle;
import io.vqi.codec.ModelRegistry;
import io.vqi.format.AlphaChunk;
import io.vqi.format.ColorModel;
import io.vqi.format.IccChunk;
import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import io.vqi.codec.InsufficientMemoryException;
import io.vqi.codec.UnsupportedModelException;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiFormat;
import io.vqi.format.VqiHeader;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the one image of a {@code .vqi} file through {@link VqiCodec}.
 *
 * <p>The header (signature and HEAD chunk, at most 1044 bytes) is read once, lazily, on the first call that needs
 * it, so {@link #getWidth} and {@link #getHeight} read nothing more. The rest of the file is read and checked (every
 * CRC) once, by the first of {@link #getImageTypes} (alpha and ICC profile live in chunks past the header),
 * {@link #getImageMetadata} or {@link #read}; only {@code read} decodes pixels. Before anything is allocated for the
 * image, its size is known to fit the format (the header checks {@link VqiFormat#sizeProblem}), and so is the destination's (a destination offset
 * can ask for more than the image).
 *
 * <p><b>Models.</b> A file decodes only with the model whose weights hash it names, looked up among the models given
 * to {@link #setModels}, those named by the system property {@value ConfiguredModels#PROPERTY}, and the model embedded
 * in the build ({@link ModelRegistry#embedded()}).
 *
 * <p><b>Parameters.</b> The format has one tile, so the whole image is decoded, and then the source region,
 * subsampling, bands and destination offset are applied as {@link ImageReader#computeRegions} defines them, into the
 * destination {@link ImageReader#getDestination} chooses (the param's destination or destination type, else the
 * first of {@link #getImageTypes}). Progress is reported after reading, after decoding, and per destination row;
 * {@link #abort()} is checked at those points.
 *
 * <p>Errors in the file surface as {@link IIOException} whose cause is the typed exception of {@code io.vqi.format}
 * ({@code MalformedContainerException} with the byte offset, or {@code UnsupportedModelException}).
 *
 * <p><b>Threads.</b> Calls are serialised: a reader shared by several threads gives each call a consistent view (one
 * input, read whole), and {@link #abort()} works from any thread during a read. The input is still one shared state,
 * so threads that each want their own file should each have their own reader, as ImageIO intends.
 */
public final class VqiImageReader extends ImageReader {

    /** File offset of the version bytes: after the signature and the HEAD chunk's type and length (SPEC.md §10). */
    private static final int VERSION_OFFSET = VqiFormat.SIGNATURE_LENGTH + 8;

    /**
     * Held by every call that reads or changes the reader's state: ImageIO readers need not be thread-safe, but two
     * threads sharing this one must not move its stream under each other and then blame the file. Not the reader's
     * own monitor, which {@link #abort()} takes: another thread can still abort a read in progress.
     */
    private final Object lock = new Object();

    private List<ModelBundle> models = List.of();

    private long streamStart = -1;
    private VqiHeader header;
    private String formatVersion;
    private VqiContainer container;
    private long fileLength = -1;
    private List<ImageTypeSpecifier> imageTypes;

    /** The models it starts from, before the configured ones. */
    private final ModelRegistry base;

    VqiImageReader(ImageReaderSpi provider) {
        this(provider, ModelRegistry.embedded());
    }

    /** A reader whose models are {@code base}'s, the configured ones and its own (tests give a base without any). */
    VqiImageReader(ImageReaderSpi provider, ModelRegistry base) {
        super(provider);
        this.base = base;
    }

    /** Models files may name, besides the configured and embedded ones. Kept across inputs; cleared by {@link #reset}. */
    public void setModels(List<ModelBundle> models) {
        synchronized (lock) {
            this.models = List.copyOf(models);
        }
    }

    public List<ModelBundle> getModels() {
        synchronized (lock) {
            return models;
        }
    }

    @Override
    public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
        synchronized (lock) {
            super.setInput(input, seekForwardOnly, ignoreMetadata); // checks the type against the SPI's input types
            resetMembers();
        }
    }

    @Override
    public int getNumImages(boolean allowSearch) {
        synchronized (lock) {
            stream();
            return 1;
        }
    }

    @Override
    public int getWidth(int imageIndex) throws IOException {
        synchronized (lock) {
            checkIndex(imageIndex);
            return header().width();
        }
    }

    @Override
    public int getHeight(int imageIndex) throws IOException {
        synchronized (lock) {
            checkIndex(imageIndex);
            return header().height();
        }
    }

    /**
     * The file's own type first, then the usual alternatives. Opaque gray: 8-bit gray. Opaque RGB: packed int RGB,
     * 3-byte BGR, packed int BGR. With alpha (an {@code alph} chunk): 8-bit gray + alpha, or packed int ARGB and
     * 4-byte ABGR. With a usable ICC profile ({@code iccp}), 8-bit interleaved samples in that colour space come
     * first. Reads (but does not decode) the whole file, since the chunks that decide live past the header.
     */
    @Override
    public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) throws IOException {
        synchronized (lock) {
            checkIndex(imageIndex);
            if (imageTypes == null) {
                imageTypes = List.copyOf(imageTypes());
            }
            return imageTypes.iterator();
        }
    }

    /** What {@link #getImageTypes} offers, worked out once per input (it inflates the ICC profile). */
    private List<ImageTypeSpecifier> imageTypes() throws IOException {
        VqiContainer file = container();
        boolean gray = header().colorModel() == ColorModel.GRAY;
        boolean alpha;
        byte[] icc;
        try {
            alpha = AlphaChunk.isPresent(file);
            icc = IccChunk.read(file).orElse(null);
        } catch (CorruptStreamException e) {
            throw invalid(e);
        }
        List<ImageTypeSpecifier> types = new ArrayList<>();
        int[] colourBands = gray ? new int[] {0} : new int[] {0, 1, 2};
        ICC_ColorSpace space = ImagePlanes.iccColorSpace(icc, gray).orElse(null);
        if (space != null) {
            int[] bands = alpha ? Arrays.copyOf(colourBands, colourBands.length + 1) : colourBands;
            bands[bands.length - 1] = bands.length - 1;
            types.add(ImageTypeSpecifier.createInterleaved(space, bands, DataBuffer.TYPE_BYTE, alpha, false));
        }
        if (gray) {
            types.add(alpha
                    ? ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false, false)
                    : ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY));
        } else if (alpha) {
            types.add(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_ARGB));
            types.add(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_4BYTE_ABGR));
        } else {
            types.add(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB));
            types.add(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR));
            types.add(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_BGR));
        }
        return types;
    }

    /** None: a {@code .vqi} file has no stream-level metadata. */
    @Override
    public IIOMetadata getStreamMetadata() {
        return null;
    }

    /** The model, quality, latent grid and rate of the image; reads (but does not decode) the whole file. */
    @Override
    public VqiImageMetadata getImageMetadata(int imageIndex) throws IOException {
        synchronized (lock) {
            checkIndex(imageIndex);
            VqiContainer file = container();
            try {
                return VqiImageMetadata.ofFile(header, formatVersion, fileLength, ImageMetadata.read(file));
            } catch (CorruptStreamException e) {
                throw invalid(e);
            }
        }
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
        synchronized (lock) {
            return readLocked(imageIndex, param);
        }
    }

    private BufferedImage readLocked(int imageIndex, ImageReadParam param) throws IOException {
        checkIndex(imageIndex);
        VqiHeader h = header();


        checkDestinationSize(param, h);
        ImageTypeSpecifier raw = getRawImageType(imageIndex);
        int srcBandCount = raw.getNumBands();
        checkReadParamBandSettings(param, srcBandCount, destinationBandCount(param, raw, imageIndex));
        int periodX = param == null ? 1 : param.getSourceXSubsampling();
        int periodY = param == null ? 1 : param.getSourceYSubsampling();

        // The destination is allocated only after the codes decoded: a tiny file declaring a huge image fails on
        // its first bytes of codes instead of first claiming memory for every pixel it declares.
        clearAbortRequest();
        processImageStarted(imageIndex);
        VqiContainer file = container();
        if (aborted()) {
            return getDestination(param, getImageTypes(imageIndex), h.width(), h.height());
        }
        processImageProgress(10f);
        // Only the source region is decoded: the networks run on the windows of latent cells it needs. The
        // destination can only shrink it (computeRegions clips to it below). Subsampling is applied to the decoded
        // region afterwards: the decoder's convolutions make every pixel of a window at once and cannot skip any,
        // and with the decoder's margin of context the windows of sampled pixels would cover the region anyway.
        Rectangle decodedRegion = new Rectangle();
        computeRegions(param, h.width(), h.height(), null, decodedRegion, new Rectangle());
        BufferedImage decoded = decode(file, decodedRegion);
        BufferedImage destination = getDestination(param, getImageTypes(imageIndex), h.width(), h.height());
        if (aborted()) {
            return destination;
        }
        processImageProgress(90f);
        Rectangle srcRegion = new Rectangle();
        Rectangle dstRegion = new Rectangle();
        computeRegions(param, h.width(), h.height(), destination, srcRegion, dstRegion);
        if (!decodedRegion.contains(srcRegion)) {
            throw new IllegalStateException("source region " + srcRegion + " outside the decoded " + decodedRegion);
        }
        srcRegion.translate(-decodedRegion.x, -decodedRegion.y);
        int[] srcBands = param != null && param.getSourceBands() != null
                ? param.getSourceBands() : Rasters.allBands(srcBandCount);
        int[] dstBands = param != null && param.getDestinationBands() != null
                ? param.getDestinationBands() : Rasters.allBands(destination.getSampleModel().getNumBands());
        boolean complete = Rasters.copy(decoded.getRaster(), srcRegion, periodX, periodY, srcBands,
                destination.getRaster(), dstRegion, dstBands, (done, count) -> {
                    processImageProgress(90f + 10f * done / count);
                    return !abortRequested();
                });
        if (!complete) {
            processReadAborted();
            return destination;
        }
        processImageComplete();
        return destination;
    }

    /**
     * The bands of the destination {@code getDestination} will make, known before it is allocated; refuses a
     * destination type this file does not offer, as {@code getDestination} would.
     */
    private int destinationBandCount(ImageReadParam param, ImageTypeSpecifier raw, int imageIndex)
            throws IOException {
        if (param != null && param.getDestination() != null) {
            return param.getDestination().getSampleModel().getNumBands();
        }
        if (param != null && param.getDestinationType() != null) {
            ImageTypeSpecifier wanted = param.getDestinationType();
            for (Iterator<ImageTypeSpecifier> it = getImageTypes(imageIndex); it.hasNext(); ) {
                if (it.next().equals(wanted)) {
                    return wanted.getNumBands();
                }
            }
            throw new IIOException("destination type is not one of the types this file offers (getImageTypes)");
        }
        return raw.getNumBands();
    }

    /** Forgets the input, listeners, locale and models. */
    @Override
    public void reset() {
        synchronized (lock) {
            super.reset();
            resetMembers();
            models = List.of();
        }
    }

    @Override
    public void dispose() {
        synchronized (lock) {
            resetMembers();
        }
    }

    private void resetMembers() {
        streamStart = -1;
        header = null;
        formatVersion = null;
        container = null;
        fileLength = -1;
        imageTypes = null;
    }

    private ImageInputStream stream() {
        if (input == null) {
            throw new IllegalStateException("input has not been set");
        }
        return (ImageInputStream) input;
    }

    private void checkIndex(int imageIndex) {
        stream();
        if (imageIndex != 0) {
            throw new IndexOutOfBoundsException("image index " + imageIndex + ": a VQI file holds one image, index 0");
        }
    }

    /** The header, read on first use from where the stream stood when it became the input. */
    private VqiHeader header() throws IOException {
        if (header == null) {
            ImageInputStream in = stream();
            if (streamStart < 0) {
                streamStart = in.getStreamPosition();
            }
            in.seek(streamStart);
            try {
                header = VqiContainerReader.readHeader(new ImageInputStreamAdapter(in));
            } catch (CorruptStreamException e) {
                throw invalid(e);
            }
            // HeaderLayout checks the version but VqiHeader does not keep the minor; the two bytes sit at the same
            // offset in every version of the format.
            in.seek(streamStart + VERSION_OFFSET);
            formatVersion = in.readUnsignedByte() + "." + in.readUnsignedByte();
        }
        return header;
    }

    /** The whole file, read and checked on first use. Its length is bounded by the bytes present, not the header. */
    private VqiContainer container() throws IOException {
        if (container == null) {
            header();
            ImageInputStream in = stream();
            in.seek(streamStart);
            try {
                container = VqiContainerReader.read(new ImageInputStreamAdapter(in));
            } catch (CorruptStreamException e) {
                throw invalid(e);
            }
            header = container.header();
            fileLength = in.getStreamPosition() - streamStart;
        }
        return container;
    }

    /** The pixels of {@code region} of the file's image (its width and height). */
    private BufferedImage decode(VqiContainer file, Rectangle region) throws IOException {
        ModelRegistry candidates = ConfiguredModels.on(base).withFiles(models, List.of());
        try {
            return VqiCodec.decompressPlanes(file, candidates,
                    new PixelRegion(region.x, region.y, region.width, region.height), decodeProgress()).toImage();
        } catch (CorruptStreamException | UnsupportedModelException | InsufficientMemoryException e) {
            throw invalid(e);
        }
    }

    /**
     * The decoder's stages as this reader's progress between 10 % and 90 %: the index grid's rows to 40 %, the
     * refinement's tiles to 50 %, the windows to 90 %. Passed on only on the reading thread (tiles decode on pool
     * threads too), where ImageIO listeners expect their calls; each stage's count never falls, so neither does this.
     */
    private ProgressListener decodeProgress() {
        Thread reading = Thread.currentThread();
        return (stage, done, total) -> {
            if (Thread.currentThread() != reading || total <= 0) {
                return;
            }
            float part = (float) done / total;
            switch (stage) {
                case DECODING_INDICES -> processImageProgress(10f + 30f * part);
                case DECODING_REFINEMENT -> processImageProgress(40f + 10f * part);
                case RENDERING -> processImageProgress(50f + 40f * part);
                default -> { }
            }
        };
    }

    /**
     * Refuses a destination larger than the largest image this decoder makes before {@code getDestination}
     * allocates it: the image fits, but a destination offset can ask for any size.
     */
    private static void checkDestinationSize(ImageReadParam param, VqiHeader h) throws IIOException {
        if (param == null || param.getDestination() != null) {
            return;
        }
        Rectangle srcRegion = new Rectangle();
        Rectangle dstRegion = new Rectangle();
        computeRegions(param, h.width(), h.height(), null, srcRegion, dstRegion);
        long width = (long) dstRegion.x + dstRegion.width;
        long height = (long) dstRegion.y + dstRegion.height;
        String problem = VqiFormat.sizeProblem(width, height);
        if (problem != null) {
            throw new IIOException("destination " + width + "x" + height + " " + problem);
        }
    }

    private boolean aborted() {
        if (abortRequested()) {
            processReadAborted();
            return true;
        }
        return false;
    }

    private static IIOException invalid(IOException e) {
        return new IIOException(e.getMessage(), e);
    }
}

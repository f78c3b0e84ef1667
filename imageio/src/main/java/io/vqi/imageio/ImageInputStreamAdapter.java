package io.vqi.imageio;

import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An {@link ImageInputStream} seen as an {@link InputStream}, for the container reader. Closing does nothing. */
final class ImageInputStreamAdapter extends InputStream {
    private final ImageInputStream stream;

    ImageInputStreamAdapter(ImageInputStream stream) {
        this.stream = stream;
    }

    @Override
    public int read() throws IOException {
        return stream.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return stream.read(b, off, len);
    }

    @Override
    public void close() {
        // The ImageInputStream belongs to whoever set it as input.
    }
}

package org.evshard.io.image;

/** The encoded image formats evshard reads and writes: what the header probe recognises and the encoder produces. */
public enum ImageFormat {
  JPEG("jpg"),
  PNG("png"),
  WEBP("webp");

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension OpenCV's encoder is asked for, and img2dataset's {@code encode_format} name. */
  public String extension() {
    return extension;
  }

  /** The format of an img2dataset {@code encode_format} name: {@code jpg}, {@code png} or {@code webp}. */
  public static ImageFormat ofEncodeFormat(String name) {
    for (ImageFormat f : values()) {
      if (f.extension.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Invalid encode format " + name + " (expected jpg, png or webp)");
  }
}

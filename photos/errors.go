package photos

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Errors Process returns, wrapped with a sentence that says what was wrong and what to do.
var (
	// ErrTooLarge: the file is bigger than Limits.MaxBytes.
	ErrTooLarge = errors.New("photo too large")
	// ErrTooManyPixels: the header announces more than Limits.MaxPixels pixels.
	ErrTooManyPixels = errors.New("photo has too many pixels")
	// ErrUnsupportedFormat: the content is not JPEG, PNG or WebP (whatever the file name says).
	ErrUnsupportedFormat = errors.New("unsupported photo format")
	// ErrCorrupt: the content starts like an image but cannot be decoded (truncated, damaged).
	ErrCorrupt = errors.New("damaged photo")
)

// Code returns a short stable code for err that a client can translate: "too_large",
// "too_many_pixels", "unsupported_format", "corrupt", or "" for any other error.
func Code(err error) string {
	switch {
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrTooManyPixels):
		return "too_many_pixels"
	case errors.Is(err, ErrUnsupportedFormat):
		return "unsupported_format"
	case errors.Is(err, ErrCorrupt):
		return "corrupt"
	}
	return ""
}

func tooLarge(max int64) error {
	return fmt.Errorf("%w: the file is over %d MB; send a smaller photo (the app resizes it for you)",
		ErrTooLarge, max>>20)
}

func tooManyPixels(w, h int, max int64) error {
	return fmt.Errorf("%w: %d×%d pixels is over the %d megapixel limit; resize the photo and send it again",
		ErrTooManyPixels, w, h, max/1_000_000)
}

// unsupported names what the content looks like, so that "this is a PDF" is said plainly.
func unsupported(data []byte) error {
	kind, _, _ := strings.Cut(http.DetectContentType(data), ";")
	return fmt.Errorf("%w: the file is %s, not a photo; send a JPEG, PNG or WebP image",
		ErrUnsupportedFormat, kind)
}

func corrupt(f Format, cause error) error {
	return fmt.Errorf("%w: this %s file is damaged or incomplete (%v); export or copy the photo again and resend it",
		ErrCorrupt, f, cause)
}

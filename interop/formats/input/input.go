// Package input bounds what a decoder reads and names why an input is unusable. Every decoder
// of interop/formats reads through ReadAll, so no input, however large, exhausts the server's
// memory, and reports its file-level refusals as an *Error that the importer writes in the
// requester's language.
//
//	data, err := input.ReadAll(r) // err is an *input.Error (format_too_large) past MaxBytes
package input

import (
	"bytes"
	"fmt"
	"io"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// MaxBytes is the most a decoder reads from one input; MaxItems the most items it decodes.
// Both are variables so that a deployment (or a test) can change them.
var (
	MaxBytes int64 = 64 << 20
	MaxItems       = 100_000
)

// Codes of the file-level refusals, message keys of the i18n package (i18n/messages_formats.go).
const (
	CodeTooLarge          = "format_too_large"
	CodeTooManyItems      = "format_too_many_items"
	CodeEmpty             = "format_empty"
	CodeBinary            = "format_binary"
	CodeUnknownCollection = "format_unknown_collection"
	CodeUnreadable        = "format_unreadable"
	CodeNotJSON           = "format_not_json"
)

// Error is why a whole input was refused: Code is an i18n message key, Params fill it.
type Error struct {
	Code   string
	Params map[string]any
}

// Error writes the refusal in English, for logs; Message writes it for people.
func (e *Error) Error() string { return e.Message(i18n.EN) }

// Message writes the refusal in lang.
func (e *Error) Message(lang string) string { return i18n.T(lang, e.Code, e.Params) }

// Refuse returns an *Error for code with its params given as name, value pairs.
func Refuse(code string, pairs ...any) *Error {
	params := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		params[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return &Error{Code: code, Params: params}
}

// ReadAll reads r up to MaxBytes and refuses an input that is longer, empty or binary (it
// holds NUL bytes, which no text format of the semantic bus contains).
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, Refuse(CodeUnreadable, "detail", err.Error())
	}
	if int64(len(data)) > MaxBytes {
		return nil, Refuse(CodeTooLarge, "max", fmt.Sprint(MaxBytes>>20))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Refuse(CodeEmpty)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, Refuse(CodeBinary)
	}
	return data, nil
}

// Read checks the target collection and reads the input, as every decoder does first.
func Read(r io.Reader, collection string) ([]byte, error) {
	if err := CheckCollection(collection); err != nil {
		return nil, err
	}
	return ReadAll(r)
}

// CheckCollection refuses a target other than the three collections the bus imports into.
func CheckCollection(collection string) error {
	switch collection {
	case s.Initiatives, s.Events, s.Organisations:
		return nil
	}
	return Refuse(CodeUnknownCollection, "collection", collection)
}

// CheckCount refuses an input with more than MaxItems items.
func CheckCount(n int) error {
	if n > MaxItems {
		return Refuse(CodeTooManyItems, "max", fmt.Sprint(MaxItems))
	}
	return nil
}

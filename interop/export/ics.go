package export

import "github.com/pocketbase/pocketbase/core"

// serveICS will stream events as an iCalendar feed once interop/formats/ical writes feeds.
func serveICS(e *core.RequestEvent, _ Config, c *core.Collection, _ filter) error {
	return notFound(e, "format", "export_unknown_format", map[string]any{"format": FormatICS})
}

package server

import (
	"fmt"
	"math"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"github.com/maillage/maillage/interop/sources"
)

// EnvMargin reads the outside-territory margin in metres from the environment variable name
// (MAILLAGE_GEO_MARGIN in main.go): unset or empty is 0, the default margin; a negative
// number means no margin. Anything but a finite number is an error naming the variable and
// the expected form.
func EnvMargin(name string) (float64, error) {
	raw := strings.TrimSpace(os.Getenv(name))
	if raw == "" {
		return 0, nil
	}
	m, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(m) || math.IsInf(m, 0) {
		return 0, fmt.Errorf("%s=%q is not a number: expected metres, e.g. %s=2000 "+
			"(0 or unset: the default 2000 m; a negative number: no margin)", name, raw, name)
	}
	return m, nil
}

// AllowNetworks reads the networks scheduled sources may reach although they are the server's
// own (loopback, private…), from the value of --sources-allow-networks (whose default is
// MAILLAGE_SOURCES_ALLOW_NETWORKS): CIDRs or addresses separated by commas.
func AllowNetworks(list string) ([]netip.Prefix, error) {
	nets, err := sources.ParseNetworks(list)
	if err != nil {
		return nil, fmt.Errorf("--sources-allow-networks or MAILLAGE_SOURCES_ALLOW_NETWORKS: %w "+
			"(expected CIDRs separated by commas, e.g. 10.0.0.0/8,fd00::/8)", err)
	}
	return nets, nil
}

// RowCacheBytes reads the memory, in MiB, of the records kept as the sync and the geo API
// wrote them (--row-cache-mb, whose default is MAILLAGE_ROW_CACHE_MB, else 32), as
// Config.RowCacheBytes: 0 MiB keeps none.
func RowCacheBytes(raw string) (int64, error) {
	b, err := mebibytes(raw, "--row-cache-mb or MAILLAGE_ROW_CACHE_MB", "no cache")
	if b == 0 {
		return -1, err
	}
	return b, err
}

// SQLiteMemoryBytes reads the memory, in MiB, SQLite keeps near for the whole process
// (--sqlite-memory-mb, whose default is MAILLAGE_SQLITE_MEMORY_MB, else 32), as
// Config.SQLiteMemoryBytes: 0 MiB sets no limit.
func SQLiteMemoryBytes(raw string) (int64, error) {
	return mebibytes(raw, "--sqlite-memory-mb or MAILLAGE_SQLITE_MEMORY_MB", "no limit")
}

// mebibytes reads a whole number of MiB from 0 (whose meaning zero says) to 1 TiB, in bytes;
// the error names the setting (names).
func mebibytes(raw, names, zero string) (int64, error) {
	mb, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || mb < 0 || mb > 1<<20 {
		return 0, fmt.Errorf("%s=%q: expected a number of MiB from 0 (%s) to 1048576, e.g. 32 (the default)", names, raw, zero)
	}
	return mb << 20, nil
}

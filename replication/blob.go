package replication

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path"
	"strconv"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/filesystem/blob"
	"github.com/superfly/ltx"
)

// blobClient is a Litestream replica client over PocketBase's own storage client: an S3
// bucket (filesystem.NewS3) in production, a local directory (filesystem.NewLocal) in tests.
// Litestream's s3 package would add the AWS SDK (about 9 MB to the binary, docs/deploy.md);
// PocketBase already carries an S3 client for its backups and files. The layout is
// Litestream's (PREFIX/ltx/LEVEL/MINTXID-MAXTXID.ltx), so the standalone `litestream` command
// reads the same bucket.
type blobClient struct {
	fs     *filesystem.System
	prefix string
}

// newBlobClient replicates under prefix of fs.
func newBlobClient(fs *filesystem.System, prefix string) *blobClient {
	return &blobClient{fs: fs, prefix: prefix}
}

// Type is Litestream's name of S3 replicas.
func (c *blobClient) Type() string { return "s3" }

// Init has nothing to prepare: the bucket is reached at the first request.
func (c *blobClient) Init(context.Context) error { return nil }

// SetLogger is required by the interface; the client does not log.
func (c *blobClient) SetLogger(*slog.Logger) {}

func (c *blobClient) levelDir(level int) string {
	return path.Join(c.prefix, "ltx", strconv.Itoa(level)) + "/"
}

func (c *blobClient) key(level int, minTXID, maxTXID ltx.TXID) string {
	return c.levelDir(level) + ltx.FormatFilename(minTXID, maxTXID)
}

// LTXFiles lists the files of level from seek on, in TXID order (the keys' order).
func (c *blobClient) LTXFiles(_ context.Context, level int, seek ltx.TXID, _ bool) (ltx.FileIterator, error) {
	objects, err := c.fs.List(c.levelDir(level))
	if err != nil {
		return nil, err
	}
	infos := make([]*ltx.FileInfo, 0, len(objects))
	for _, o := range objects {
		minTXID, maxTXID, err := ltx.ParseFilename(path.Base(o.Key))
		if err != nil || minTXID < seek {
			continue
		}
		infos = append(infos, &ltx.FileInfo{Level: level, MinTXID: minTXID, MaxTXID: maxTXID,
			Size: o.Size, CreatedAt: o.ModTime.UTC()})
	}
	return ltx.NewFileInfoSliceIterator(infos), nil
}

// OpenLTXFile reads a file from offset, size bytes of it (all when size is 0).
func (c *blobClient) OpenLTXFile(_ context.Context, level int, minTXID, maxTXID ltx.TXID, offset, size int64) (io.ReadCloser, error) {
	r, err := c.fs.GetReader(c.key(level, minTXID, maxTXID))
	if errors.Is(err, blob.ErrNotFound) {
		return nil, os.ErrNotExist
	}
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(offset, io.SeekStart); err != nil {
		_ = r.Close()
		return nil, err
	}
	if size > 0 {
		return struct {
			io.Reader
			io.Closer
		}{io.LimitReader(r, size), r}, nil
	}
	return r, nil
}

// WriteLTXFile uploads a file from a temporary copy (snapshots can be the size of the
// database: they are streamed, not held in memory).
func (c *blobClient) WriteLTXFile(_ context.Context, level int, minTXID, maxTXID ltx.TXID, rd io.Reader) (*ltx.FileInfo, error) {
	var head bytes.Buffer
	hdr, _, err := ltx.PeekHeader(io.TeeReader(rd, &head))
	if err != nil {
		return nil, fmt.Errorf("read LTX header: %w", err)
	}
	tmp, err := os.CreateTemp("", "maillage-ltx-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	size, err := io.Copy(tmp, io.MultiReader(&head, rd))
	if err != nil {
		return nil, err
	}
	if err := c.upload(tmp.Name(), c.key(level, minTXID, maxTXID)); err != nil {
		return nil, err
	}
	return &ltx.FileInfo{Level: level, MinTXID: minTXID, MaxTXID: maxTXID, Size: size,
		CreatedAt: time.UnixMilli(hdr.Timestamp).UTC()}, nil
}

func (c *blobClient) upload(file, key string) error {
	f, err := filesystem.NewFileFromPath(file)
	if err != nil {
		return err
	}
	return c.fs.UploadFile(f, key)
}

// DeleteLTXFiles deletes files; absent ones are already deleted.
func (c *blobClient) DeleteLTXFiles(_ context.Context, infos []*ltx.FileInfo) error {
	for _, info := range infos {
		err := c.fs.Delete(c.key(info.Level, info.MinTXID, info.MaxTXID))
		if err != nil && !errors.Is(err, blob.ErrNotFound) {
			return err
		}
	}
	return nil
}

// DeleteAll deletes every file of the replica.
func (c *blobClient) DeleteAll(context.Context) error {
	return errors.Join(c.fs.DeletePrefix(path.Join(c.prefix, "ltx") + "/")...)
}

var _ litestream.ReplicaClient = (*blobClient)(nil)

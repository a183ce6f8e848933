package importer

// ChunkSize is how many items one transaction of a run writes.
const ChunkSize = chunkSize

// OnChunkCommitted calls f after each chunk a run commits, with its index, until the returned
// function is called: a test stops a run there as a kill would.
func OnChunkCommitted(f func(chunk int)) (restore func()) {
	chunkCommitted = f
	return func() { chunkCommitted = nil }
}

package federation

// LoosenForTest makes the outbox publish every record that is not deleted, whatever its
// visibility and status, until restore is called: the negative control of the leak tests.
func LoosenForTest() (restore func()) {
	saved := publicWhere
	publicWhere = "[[deleted]] = 0"
	return func() { publicWhere = saved }
}

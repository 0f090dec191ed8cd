package main

// Release is the Kubernetes release this module pins (go.mod).
const Release = "1.36.3"

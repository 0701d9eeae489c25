// libFuzzer provides LLVMFuzzerRunDriver; this file only makes the header a C module.

// The Arcade Learning Environment's static library, as built by scripts/install-ale.sh into
// .ale/ (headers in .ale/include/ale, libale.a in .ale/lib). ALE's interface is C++ only, so this
// module only links the library and checks that it is installed; the C functions Swift calls
// are in the CALEShim target. Only used with the `ALE` trait, which adds the include directory.
#if __has_include(<ale/version.hpp>)
#include <ale/version.hpp>
#else
#error "ALE headers not found: run scripts/install-ale.sh (or set ALE_PREFIX) before building with --traits ALE"
#endif

// A C interface to ALE's C++ `ale::ALEInterface`, for Swift (whose C++ interop does not import
// that class). Every function that can fail returns 0 on success and -1 on failure, with a
// message in `error` (at most `error_capacity` bytes, NUL-terminated): C++ exceptions never
// cross into Swift. Without the `ALE` trait only `ale_shim_is_available`, `ale_shim_version`,
// `ale_shim_default_rom_directory`, `ale_shim_create` (which fails with a message) and `ale_shim_destroy` are defined.
#ifndef TRUSTREGION_ALE_SHIM_H
#define TRUSTREGION_ALE_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque emulator: one `ale::ALEInterface`.
typedef struct ALEShimInterface ALEShimInterface;

/// 1 when this build links ALE (the `ALE` trait), 0 otherwise.
int ale_shim_is_available(void);
/// The version of the linked ALE ("0.12.1"), or "" without the trait.
const char *ale_shim_version(void);

/// Where scripts/install-ale.sh put the ROMs of this build (`<ALE_PREFIX>/roms`), or "" without the trait.
const char *ale_shim_default_rom_directory(void);

/// A new emulator with the logger set to errors only, or NULL (with a message) on failure.
ALEShimInterface *ale_shim_create(char *error, size_t error_capacity);
/// Frees an emulator made by `ale_shim_create`; NULL is ignored.
void ale_shim_destroy(ALEShimInterface *ale);

/// `setInt`, `setFloat`, `setBool` of ALE's settings (take effect at the next `ale_shim_load_rom`).
int ale_shim_set_int(ALEShimInterface *ale, const char *key, int32_t value, char *error, size_t error_capacity);
int ale_shim_set_float(ALEShimInterface *ale, const char *key, float value, char *error, size_t error_capacity);
int ale_shim_set_bool(ALEShimInterface *ale, const char *key, int value, char *error, size_t error_capacity);

/// The md5 digest (32 hex digits and a NUL into `digest`) of the file at `path`.
int ale_shim_md5_file(const char *path, char digest[33], char *error, size_t error_capacity);
/// The md5 digest (32 hex digits and a NUL into `digest`) of `length` bytes at `bytes`.
void ale_shim_md5_bytes(const uint8_t *bytes, size_t length, char digest[33]);
/// Loads a ROM file after checking that ALE supports it (ALE itself exits the process otherwise).
int ale_shim_load_rom(ALEShimInterface *ale, const char *path, char *error, size_t error_capacity);
/// `setMode` and `setDifficulty` (ALE throws on a value the game does not have).
int ale_shim_set_mode(ALEShimInterface *ale, int32_t mode, char *error, size_t error_capacity);
int ale_shim_set_difficulty(ALEShimInterface *ale, int32_t difficulty, char *error, size_t error_capacity);

/// The legal (full, 18) or minimal action set as ALE action codes into `actions`; returns the count.
int ale_shim_action_set(const ALEShimInterface *ale, int minimal, int32_t *actions, int capacity);

/// One emulator frame of `action` (an ALE action code) with the paddle strength; returns the reward.
int32_t ale_shim_act(ALEShimInterface *ale, int32_t action, float paddle_strength);
/// `game_over(with_truncation)` and `game_truncated()`.
int ale_shim_game_over(const ALEShimInterface *ale, int with_truncation);
int ale_shim_game_truncated(const ALEShimInterface *ale);
/// `reset_game()`.
void ale_shim_reset_game(ALEShimInterface *ale);
/// `lives()`, `getFrameNumber()`, `getEpisodeFrameNumber()`.
int32_t ale_shim_lives(ALEShimInterface *ale);
int32_t ale_shim_frame_number(const ALEShimInterface *ale);
int32_t ale_shim_episode_frame_number(const ALEShimInterface *ale);

/// The screen's height and width in pixels (210 × 160 for every bundled game).
int32_t ale_shim_screen_height(const ALEShimInterface *ale);
int32_t ale_shim_screen_width(const ALEShimInterface *ale);
/// The screen through ALE's palette: height × width × 3 bytes (RGB, row-major) or height × width
/// (gray), by the screen kernel `variant` (an `ale_shim_kernel_variant`; 0 the best available).
void ale_shim_screen_rgb(const ALEShimInterface *ale, int variant, uint8_t *output);
void ale_shim_screen_grayscale(const ALEShimInterface *ale, int variant, uint8_t *output);
/// The same screen through ALE's own `getScreenRGB` (`rgb` non-zero) or `getScreenGrayscale`: the reference.
void ale_shim_screen_reference(const ALEShimInterface *ale, int rgb, uint8_t *output);
/// The console RAM: `ale_shim_ram_size` bytes (128) into `output`.
int32_t ale_shim_ram_size(const ALEShimInterface *ale);
void ale_shim_ram(const ALEShimInterface *ale, uint8_t *output);

/// Writes the current screen as a PNG file at `path` (through a temporary file renamed into place,
/// so a failed write leaves no partial file; ALE's own exporter does not report failures).
int ale_shim_save_png(const ALEShimInterface *ale, const char *path, char *error, size_t error_capacity);

/// Serializes `cloneState(include_rng)` into `output` when it fits in `capacity` bytes; returns
/// the serialized length either way (call again with a larger buffer if it exceeds `capacity`),
/// or -1 on failure.
int64_t ale_shim_clone_state(ALEShimInterface *ale, int include_rng, uint8_t *output, size_t capacity,
                             char *error, size_t error_capacity);
/// `restoreState` from bytes written by `ale_shim_clone_state`.
int ale_shim_restore_state(ALEShimInterface *ale, const uint8_t *state, size_t length, char *error,
                           size_t error_capacity);

#ifdef __cplusplus
}
#endif

#endif

// The C shim over ale::ALEInterface (see include/ALEShim.h). Compiled as C++17; with the `ALE`
// trait Package.swift defines TRUSTREGION_HAS_ALE and adds ALE's include directory.
#include "ALEShim.h"
#include "ScreenKernels.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

namespace {
/// Copies `message` into the caller's buffer, truncated and NUL-terminated.
void writeError(char *error, size_t capacity, const std::string &message) {
    if (error == nullptr || capacity == 0) return;
    std::snprintf(error, capacity, "%s", message.c_str());
}
}  // namespace

#ifdef TRUSTREGION_HAS_ALE

#include <ale/ale_interface.hpp>
#include <ale/emucore/MD5.hxx>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

struct ALEShimInterface {
    ale::ALEInterface interface;
    /// The loaded ROM's palette as lookup tables for the screen kernels (filled by load_rom).
    ale_shim_palette palette{};
};

namespace {
/// Runs `body`, turning any C++ exception into -1 and a message.
template <typename Body> int guarded(char *error, size_t capacity, Body body) {
    try {
        body();
        return 0;
    } catch (const std::exception &exception) {
        writeError(error, capacity, exception.what());
    } catch (...) {
        writeError(error, capacity, "unknown C++ exception in ALE");
    }
    return -1;
}
}  // namespace

extern "C" {

int ale_shim_is_available(void) { return 1; }
const char *ale_shim_version(void) { return ALE_VERSION; }
const char *ale_shim_default_rom_directory(void) { return TRUSTREGION_ALE_ROM_DIRECTORY; }

ALEShimInterface *ale_shim_create(char *error, size_t error_capacity) {
    ALEShimInterface *result = nullptr;
    guarded(error, error_capacity, [&] {
        // Gymnasium's AtariEnv sets the logger to errors only before anything else.
        ale::Logger::setMode(ale::Logger::Error);
        result = new ALEShimInterface();
    });
    return result;
}

void ale_shim_destroy(ALEShimInterface *ale) { delete ale; }

int ale_shim_set_int(ALEShimInterface *ale, const char *key, int32_t value, char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] { ale->interface.setInt(key, value); });
}

int ale_shim_set_float(ALEShimInterface *ale, const char *key, float value, char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] { ale->interface.setFloat(key, value); });
}

int ale_shim_set_bool(ALEShimInterface *ale, const char *key, int value, char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] { ale->interface.setBool(key, value != 0); });
}

int ale_shim_md5_file(const char *path, char digest[33], char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] {
        std::ifstream file(path, std::ios::binary);
        if (!file.good()) throw std::runtime_error(std::string("cannot read ") + path);
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        std::string hex = ale::stella::MD5(bytes.data(), static_cast<uint32_t>(bytes.size()));
        std::snprintf(digest, 33, "%s", hex.c_str());
    });
}

void ale_shim_md5_bytes(const uint8_t *bytes, size_t length, char digest[33]) {
    std::string hex = ale::stella::MD5(bytes, static_cast<uint32_t>(length));
    std::snprintf(digest, 33, "%s", hex.c_str());
}

int ale_shim_load_rom(ALEShimInterface *ale, const char *path, char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] {
        // ALE's loadROM calls std::exit on a missing or unknown ROM: check first, as ale-py does.
        std::filesystem::path romPath(path);
        if (!std::filesystem::exists(romPath)) throw std::runtime_error(std::string("ROM file not found: ") + path);
        if (!ale::ALEInterface::isSupportedROM(romPath).has_value()) {
            throw std::runtime_error(std::string("ALE does not support the ROM ") + path + " (md5 not in its list)");
        }
        ale->interface.loadROM(romPath);
        // loadROM chooses the palette (NTSC, PAL or SECAM); ALE's grayscale of index i is the low
        // byte of packed entry i + 1 (screen indices are even: the TIA ignores a colour's bit 0).
        const ale::ColourPalette &palette = ale->interface.theOSystem->colourPalette();
        for (int index = 0; index < 256; ++index) {
            const uint32_t packed = palette.getRGB(index);
            ale->palette.red[index] = uint8_t(packed >> 16);
            ale->palette.green[index] = uint8_t(packed >> 8);
            ale->palette.blue[index] = uint8_t(packed);
            ale->palette.gray[index] = uint8_t(palette.getRGB(index < 255 ? index + 1 : index));
        }
    });
}

int ale_shim_set_mode(ALEShimInterface *ale, int32_t mode, char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] { ale->interface.setMode(static_cast<ale::game_mode_t>(mode)); });
}

int ale_shim_set_difficulty(ALEShimInterface *ale, int32_t difficulty, char *error, size_t error_capacity) {
    return guarded(error, error_capacity,
                   [&] { ale->interface.setDifficulty(static_cast<ale::difficulty_t>(difficulty)); });
}

int ale_shim_action_set(const ALEShimInterface *ale, int minimal, int32_t *actions, int capacity) {
    ale::ActionVect set = minimal ? ale->interface.getMinimalActionSet() : ale->interface.getLegalActionSet();
    int count = static_cast<int>(set.size());
    for (int index = 0; index < count && index < capacity; ++index) actions[index] = static_cast<int32_t>(set[index]);
    return count;
}

int32_t ale_shim_act(ALEShimInterface *ale, int32_t action, float paddle_strength) {
    return static_cast<int32_t>(ale->interface.act(static_cast<ale::Action>(action), paddle_strength));
}

int ale_shim_game_over(const ALEShimInterface *ale, int with_truncation) {
    return ale->interface.game_over(with_truncation != 0) ? 1 : 0;
}

int ale_shim_game_truncated(const ALEShimInterface *ale) { return ale->interface.game_truncated() ? 1 : 0; }

void ale_shim_reset_game(ALEShimInterface *ale) { ale->interface.reset_game(); }

int32_t ale_shim_lives(ALEShimInterface *ale) { return ale->interface.lives(); }
int32_t ale_shim_frame_number(const ALEShimInterface *ale) { return ale->interface.getFrameNumber(); }
int32_t ale_shim_episode_frame_number(const ALEShimInterface *ale) {
    return ale->interface.getEpisodeFrameNumber();
}

int32_t ale_shim_screen_height(const ALEShimInterface *ale) {
    return static_cast<int32_t>(ale->interface.getScreen().height());
}
int32_t ale_shim_screen_width(const ALEShimInterface *ale) {
    return static_cast<int32_t>(ale->interface.getScreen().width());
}

// The same palette lookups as ALEInterface::getScreenRGB/getScreenGrayscale (ScreenKernels.cpp),
// written straight into the caller's buffer instead of a std::vector.
void ale_shim_screen_rgb(const ALEShimInterface *ale, int variant, uint8_t *output) {
    const ale::ALEScreen &screen = ale->interface.environment->getScreen();
    ale_shim_palette_rgb(ale_shim_kernel_variant(variant), &ale->palette, screen.getArray(),
                         screen.width() * screen.height(), output);
}

void ale_shim_screen_grayscale(const ALEShimInterface *ale, int variant, uint8_t *output) {
    const ale::ALEScreen &screen = ale->interface.environment->getScreen();
    ale_shim_palette_gray(ale_shim_kernel_variant(variant), &ale->palette, screen.getArray(),
                          screen.width() * screen.height(), output);
}

void ale_shim_screen_reference(const ALEShimInterface *ale, int rgb, uint8_t *output) {
    std::vector<unsigned char> screen;
    if (rgb != 0) ale->interface.getScreenRGB(screen); else ale->interface.getScreenGrayscale(screen);
    std::memcpy(output, screen.data(), screen.size());
}

int32_t ale_shim_ram_size(const ALEShimInterface *ale) { return static_cast<int32_t>(ale->interface.getRAM().size()); }

void ale_shim_ram(const ALEShimInterface *ale, uint8_t *output) {
    const ale::ALERAM &ram = ale->interface.getRAM();
    std::memcpy(output, ram.array(), ram.size());
}

int ale_shim_save_png(const ALEShimInterface *ale, const char *path, char *error, size_t error_capacity) {
    return guarded(error, error_capacity, [&] {
        std::filesystem::path target(path);
        std::filesystem::path temporary = target;
        temporary += ".partial";
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        ale::ScreenExporter exporter(ale->interface.theOSystem->colourPalette());
        exporter.save(ale->interface.environment->getScreen(), temporary.string());
        std::error_code sizeError;
        auto size = std::filesystem::file_size(temporary, sizeError);
        if (sizeError || size == 0) {
            std::filesystem::remove(temporary, ignored);
            throw std::runtime_error(std::string("could not write ") + path);
        }
        std::filesystem::rename(temporary, target);  // throws filesystem_error with the reason
    });
}

int64_t ale_shim_clone_state(ALEShimInterface *ale, int include_rng, uint8_t *output, size_t capacity,
                             char *error, size_t error_capacity) {
    int64_t length = -1;
    guarded(error, error_capacity, [&] {
        std::string serialized = ale->interface.cloneState(include_rng != 0).serialize();
        length = static_cast<int64_t>(serialized.size());
        if (serialized.size() <= capacity) std::memcpy(output, serialized.data(), serialized.size());
    });
    return length;
}

int ale_shim_restore_state(ALEShimInterface *ale, const uint8_t *state, size_t length, char *error,
                           size_t error_capacity) {
    return guarded(error, error_capacity, [&] {
        ale::ALEState restored(std::string(reinterpret_cast<const char *>(state), length));
        ale->interface.restoreState(restored);
    });
}

}  // extern "C"

#else  // Built without the `ALE` trait: every call fails with the same instruction.

namespace {
const char *const unavailable =
    "this build has no ALE: run scripts/install-ale.sh, then build with --traits ALE";
}

extern "C" {
int ale_shim_is_available(void) { return 0; }
const char *ale_shim_version(void) { return ""; }
const char *ale_shim_default_rom_directory(void) { return ""; }
ALEShimInterface *ale_shim_create(char *error, size_t error_capacity) {
    writeError(error, error_capacity, unavailable);
    return nullptr;
}
void ale_shim_destroy(ALEShimInterface *) {}
}  // extern "C"

#endif

// The emulator's own floor for ALE/Pong-v5 raw: ALE's C++ interface stepped directly, no Swift and
// no Python. Two loops: the emulator alone (the action repeated for 4 frames with sticky actions
// 0.25, no screen read: no raw step can be faster), and the same with the RGB screen read through
// ALE's public getScreenRGB (what a plain C++ user of ALE gets). TrustRegion's and ale-py's raw
// figures in Benchmarks/atari.sh are measured beside both.
//
//   g++ -O2 -std=c++17 -I.ale/include emulator_floor.cpp .ale/lib/libale.a -lz -lpthread
//   ./a.out ROM_PATH [seconds per round] [rounds]
#include <ale/ale_interface.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

double seconds_now() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s ROM_PATH [seconds per round] [rounds]\n", argv[0]);
        return 2;
    }
    const double seconds_per_round = argc > 2 ? std::atof(argv[2]) : 2.0;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 3;

    ale::Logger::setMode(ale::Logger::Error);
    ale::ALEInterface interface;
    interface.setInt("random_seed", 0);
    interface.setFloat("repeat_action_probability", 0.25f);
    interface.setInt("max_num_frames_per_episode", 108000);
    interface.loadROM(argv[1]);
    const ale::ActionVect actions = interface.getMinimalActionSet();
    std::mt19937 random(1);
    std::uniform_int_distribution<std::size_t> pick(0, actions.size() - 1);
    std::vector<unsigned char> screen;

    bool read_screen = false;
    auto step = [&] {
        const ale::Action action = actions[pick(random)];
        for (int frame = 0; frame < 4; ++frame) interface.act(action);
        if (read_screen) interface.getScreenRGB(screen);
        if (interface.game_over()) interface.reset_game();
    };

    double best_alone = 0;
    double best_with_screen = 0;
    for (int round = 0; round < 2 * rounds; ++round) {
        read_screen = round % 2 == 1;  // alternated, so a change in load hits both
        double &best = read_screen ? best_with_screen : best_alone;
        for (int warm = 0; warm < 50; ++warm) step();
        long steps = 0;
        const double start = seconds_now();
        double elapsed = 0;
        while (elapsed < seconds_per_round) {
            for (int batch = 0; batch < 50; ++batch) step();
            steps += 50;
            elapsed = seconds_now() - start;
        }
        const double rate = steps / elapsed;
        if (rate > best) best = rate;
    }
    std::printf("ALE/Pong-v5 raw, emulator alone (no screen read)      %ld steps/s\n",
                static_cast<long>(best_alone + 0.5));
    std::printf("ALE/Pong-v5 raw, C++ ALEInterface with getScreenRGB   %ld steps/s\n",
                static_cast<long>(best_with_screen + 0.5));
    return 0;
}

/* The latency model of Documentation/Distributed.md: the wall time of the exchange TrustRegion's
 * communicator makes (MPI_Allgather of the sizes, then MPI_Allgatherv of the bytes), by message
 * size. Rank r sends `bytes / P` so that every rank receives `bytes` in all, as in a block sum.
 *
 *   mpicc -O2 -o /tmp/allgather_latency allgather_latency.c
 *   mpirun -np 2 /tmp/allgather_latency        # prints: ranks bytes median_us
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const long sizes[] = {16, 1024, 40960, 655360, 6815744};
    enum { repeats = 200 };
    double times[repeats];
    for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        long total = sizes[s], mine = total / size;
        char *send = calloc(mine + 1, 1), *receive = calloc(total + size, 1);
        long long *counts64 = calloc(size, sizeof *counts64);
        int *counts = calloc(size, sizeof *counts), *offsets = calloc(size, sizeof *offsets);
        int runs = total > 1000000 ? 40 : repeats;
        for (int r = 0; r < runs; r++) {
            MPI_Barrier(MPI_COMM_WORLD);
            double start = MPI_Wtime();
            long long own = mine;
            MPI_Allgather(&own, 1, MPI_INT64_T, counts64, 1, MPI_INT64_T, MPI_COMM_WORLD);
            for (int p = 0; p < size; p++) {
                counts[p] = (int)counts64[p];
                offsets[p] = p == 0 ? 0 : offsets[p - 1] + counts[p - 1];
            }
            MPI_Allgatherv(send, (int)mine, MPI_BYTE, receive, counts, offsets, MPI_BYTE, MPI_COMM_WORLD);
            times[r] = MPI_Wtime() - start;
        }
        qsort(times, runs, sizeof times[0], compare);
        if (rank == 0) printf("%d %ld %.1f\n", size, total, 1e6 * times[runs / 2]);
        free(send); free(receive); free(counts64); free(counts); free(offsets);
    }
    MPI_Finalize();
    return 0;
}

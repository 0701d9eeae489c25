// Open MPI for Swift: MPI_COMM_WORLD, MPI_BYTE, MPI_SUM, MPI_IN_PLACE and friends are macros over
// addresses of globals, which Swift cannot import; these inline getters can be (trait `MPI`,
// scripts/install-mpi.sh, `pkg-config ompi-c`).
#ifndef TRUSTREGION_CMPI_SHIM_H
#define TRUSTREGION_CMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm trustregion_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype trustregion_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype trustregion_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Op trustregion_mpi_max(void) { return MPI_MAX; }
static inline MPI_Op trustregion_mpi_sum(void) { return MPI_SUM; }
static inline void *trustregion_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline int trustregion_mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
static inline int trustregion_mpi_success(void) { return MPI_SUCCESS; }

#endif

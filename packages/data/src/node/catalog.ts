/**
 * The canonical files of the datasets the loaders can download, where they are
 * published and their SHA-256 checksums and sizes.
 *
 * Provenance of the checksums:
 * - MNIST and CIFAR-10: the SHA-256 and sizes that TensorFlow Datasets records
 *   for the same URLs (`tensorflow_datasets/url_checksums/mnist.txt`, `cifar10.txt`).
 * - Fashion-MNIST: the SHA-256 and sizes TensorFlow Datasets records for
 *   Zalando's server (`fashion_mnist.txt`), and the SHA-256 of the copies
 *   Debian's package `dataset-fashion-mnist` installs (the same deflate
 *   streams, recompressed without the file name in the gzip header, hence 23–24
 *   bytes shorter), so that `/usr/share/datasets/fashion-mnist` works as a mirror.
 */

/** One accepted version of a file: its SHA-256 (lower-case hex) and size in bytes. */
export interface FileChecksum {
  /** SHA-256 of the file, 64 lower-case hex digits. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/** A file of a dataset and the versions of it that are accepted. */
export interface DatasetFile {
  /** The file name, as on the server and in the cache, e.g. `'train-images-idx3-ubyte.gz'`. */
  name: string;
  /** Accepted versions (any one matches). */
  checksums: readonly FileChecksum[];
}

/** A downloadable dataset: its name, where it is published and its files. */
export interface DatasetSpec {
  /** Name of the dataset and of its cache folder, e.g. `'fashion-mnist'`. */
  name: string;
  /** How it is called in messages, e.g. `'Fashion-MNIST'`. */
  title: string;
  /** Where the files are published, tried in order (each a folder URL ending in `/`). */
  mirrors: readonly string[];
  /** The files. */
  files: readonly DatasetFile[];
}

/** The names of the datasets that can be downloaded. */
export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar10';

const file = (name: string, ...checksums: FileChecksum[]): DatasetFile => ({ name, checksums });

/** The downloadable datasets, by name. */
export const DATASETS: Readonly<Record<DatasetName, DatasetSpec>> = Object.freeze({
  'fashion-mnist': {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST',
    mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
    files: [
      file(
        'train-images-idx3-ubyte.gz',
        { sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', size: 26421880 },
        { sha256: 'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7', size: 26421856 },
      ),
      file(
        'train-labels-idx1-ubyte.gz',
        { sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', size: 29515 },
        { sha256: '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056', size: 29491 },
      ),
      file(
        't10k-images-idx3-ubyte.gz',
        { sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', size: 4422102 },
        { sha256: 'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa', size: 4422079 },
      ),
      file(
        't10k-labels-idx1-ubyte.gz',
        { sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', size: 5148 },
        { sha256: '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05', size: 5125 },
      ),
    ],
  },
  mnist: {
    name: 'mnist',
    title: 'MNIST',
    // Both hold the original files of yann.lecun.com (torchvision lists the same MD5 for both).
    mirrors: ['https://storage.googleapis.com/cvdf-datasets/mnist/', 'https://ossci-datasets.s3.amazonaws.com/mnist/'],
    files: [
      file('train-images-idx3-ubyte.gz', {
        sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
        size: 9912422,
      }),
      file('train-labels-idx1-ubyte.gz', {
        sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
        size: 28881,
      }),
      file('t10k-images-idx3-ubyte.gz', {
        sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
        size: 1648877,
      }),
      file('t10k-labels-idx1-ubyte.gz', {
        sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
        size: 4542,
      }),
    ],
  },
  cifar10: {
    name: 'cifar10',
    title: 'CIFAR-10',
    mirrors: ['https://www.cs.toronto.edu/~kriz/'],
    files: [
      file('cifar-10-binary.tar.gz', {
        sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
        size: 170052171,
      }),
    ],
  },
});

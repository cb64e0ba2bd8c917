/** What a file-system error means to the user and what to do about it, by its code. */
export const FILE_SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space, then run the command again',
  EDQUOT: 'the disk quota is used up: free some space, then run the command again',
  EROFS: 'the file system is read-only: use a folder on a writable disk',
  EACCES: 'permission denied: give the user running statements access to it and its folders',
  EPERM: 'operation not permitted: give the user running statements access to it and its folders',
  EISDIR: 'it is a folder where a file belongs: move the folder away',
  ENOTDIR: 'part of its path is a file where a folder belongs',
  ENOENT: 'it does not exist (or one of its folders does not)',
  ELOOP: 'its path is a loop of symbolic links: replace the link with the file or folder it should point to',
  ENAMETOOLONG: 'its path is too long: use a shorter folder',
  EMFILE: 'too many files are open: close other programs, then run the command again',
  ENFILE: 'too many files are open: close other programs, then run the command again',
  EIO: 'the disk reported an input/output error: check the disk',
  EXDEV: 'it is on a different file system from the folder it was moved to',
  EEXIST: 'something else is already there',
  ENOTEMPTY: 'something else is already there',
  EBUSY: 'it is in use by another program: close it, then run the command again',
};

/** An error from the file system (it has an errno code), as opposed to a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

